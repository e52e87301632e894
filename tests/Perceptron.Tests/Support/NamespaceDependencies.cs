using Mono.Cecil;
using Mono.Cecil.Cil;

namespace Perceptron.Tests.Support;

/// <summary>One dependency between two components: <paramref name="From"/> uses <paramref name="To"/>, with one place that shows it.</summary>
/// <param name="From">The using component (a namespace from the component list).</param>
/// <param name="To">The used component.</param>
/// <param name="Example">Where: the using type and member, and the used type.</param>
internal sealed record NamespaceEdge(string From, string To, string Example);

/// <summary>
/// Reads compiled assemblies with Cecil and lists which component (namespace) uses which: every type reference in
/// base types, interfaces, attributes, fields, signatures, locals, catch clauses and IL operands, generic arguments included.
/// </summary>
/// <remarks>
/// A namespace belongs to the longest component that is it or a prefix of it at a dot ("Perceptron.Training.Callbacks"
/// belongs to "Perceptron.Training"), except that a component which is a prefix of other components (the root
/// "Perceptron") holds only its own namespace. Types outside every component (System, compiler-generated
/// types without a namespace) are ignored; a namespace that starts with one of <paramref name="owners"/> but fits no component is reported.
/// </remarks>
internal sealed class NamespaceDependencies(IReadOnlyList<string> components, IReadOnlyList<string> owners)
{
    private readonly Dictionary<(string From, string To), string> _edges = [];
    private readonly SortedSet<string> _unplaced = new(StringComparer.Ordinal);

    /// <summary>Namespaces under an owner prefix that no component holds.</summary>
    public IReadOnlyCollection<string> Unplaced => _unplaced;

    /// <summary>Every distinct edge between two different components, with the first place found.</summary>
    public IReadOnlyList<NamespaceEdge> Edges => [.. _edges.Select(e => new NamespaceEdge(e.Key.From, e.Key.To, e.Value)).OrderBy(e => e.From, StringComparer.Ordinal).ThenBy(e => e.To, StringComparer.Ordinal)];

    /// <summary>Adds the edges of every type in the assembly file whose namespace satisfies <paramref name="include"/> (all by default).</summary>
    public void AddAssembly(string path, Func<string, bool>? include = null)
    {
        using var assembly = AssemblyDefinition.ReadAssembly(path);
        foreach (var type in assembly.MainModule.Types)
        {
            string? from = Component(type.Namespace);
            if (from is not null && (include?.Invoke(type.Namespace) ?? true))
            {
                AddType(from, type);
            }
        }
    }

    /// <summary>The component holding <paramref name="ns"/>, or null when it is outside every component.</summary>
    public string? Component(string ns)
    {
        string? best = null;
        foreach (string component in components)
        {
            bool holds = ns == component || (ns.StartsWith(component + ".", StringComparison.Ordinal) && !IsRootOfOthers(component));
            if (holds && (best is null || component.Length > best.Length))
            {
                best = component;
            }
        }

        if (best is null && owners.Any(owner => ns == owner || ns.StartsWith(owner + ".", StringComparison.Ordinal)))
        {
            _unplaced.Add(ns);
        }

        return best;
    }

    /// <summary>A component that is a dotted prefix of another (the root namespace) holds only its own namespace.</summary>
    private bool IsRootOfOthers(string component) => components.Any(other => other.StartsWith(component + ".", StringComparison.Ordinal));

    private void AddType(string from, TypeDefinition type)
    {
        string where = type.FullName;
        Use(from, type.BaseType, $"{where} (base type)");
        foreach (var implemented in type.Interfaces)
        {
            Use(from, implemented.InterfaceType, $"{where} (interface)");
        }

        AddAttributes(from, type.CustomAttributes, where);
        AddGenericParameters(from, type.GenericParameters, where);
        foreach (var field in type.Fields)
        {
            Use(from, field.FieldType, $"{where}.{field.Name} (field)");
            AddAttributes(from, field.CustomAttributes, $"{where}.{field.Name}");
        }

        foreach (var property in type.Properties)
        {
            Use(from, property.PropertyType, $"{where}.{property.Name} (property)");
            AddAttributes(from, property.CustomAttributes, $"{where}.{property.Name}");
        }

        foreach (var method in type.Methods)
        {
            AddMethod(from, method, $"{where}.{method.Name}");
        }

        foreach (var nested in type.NestedTypes)
        {
            AddType(from, nested);
        }
    }

    private void AddMethod(string from, MethodDefinition method, string where)
    {
        Use(from, method.ReturnType, $"{where} (return type)");
        foreach (var parameter in method.Parameters)
        {
            Use(from, parameter.ParameterType, $"{where} (parameter {parameter.Name})");
        }

        AddAttributes(from, method.CustomAttributes, where);
        AddGenericParameters(from, method.GenericParameters, where);
        if (!method.HasBody)
        {
            return;
        }

        foreach (var variable in method.Body.Variables)
        {
            Use(from, variable.VariableType, $"{where} (local)");
        }

        foreach (var handler in method.Body.ExceptionHandlers)
        {
            Use(from, handler.CatchType, $"{where} (catch)");
        }

        foreach (var instruction in method.Body.Instructions)
        {
            switch (instruction.Operand)
            {
                case TypeReference used:
                    Use(from, used, $"{where} (code)");
                    break;
                case MethodReference called:
                    UseMember(from, called, $"{where} (call)");
                    break;
                case FieldReference field:
                    Use(from, field.DeclaringType, $"{where} (field access)");
                    Use(from, field.FieldType, $"{where} (field access)");
                    break;
                case CallSite site:
                    Use(from, site.ReturnType, $"{where} (call site)");
                    break;
            }
        }
    }

    private void UseMember(string from, MethodReference called, string where)
    {
        Use(from, called.DeclaringType, where);
        Use(from, called.ReturnType, where);
        foreach (var parameter in called.Parameters)
        {
            Use(from, parameter.ParameterType, where);
        }

        if (called is GenericInstanceMethod generic)
        {
            foreach (var argument in generic.GenericArguments)
            {
                Use(from, argument, where);
            }
        }
    }

    private void AddAttributes(string from, IEnumerable<CustomAttribute> attributes, string where)
    {
        foreach (var attribute in attributes)
        {
            Use(from, attribute.AttributeType, $"{where} (attribute)");
            foreach (var argument in attribute.ConstructorArguments)
            {
                Use(from, argument.Value as TypeReference, $"{where} (attribute argument)");
            }
        }
    }

    private void AddGenericParameters(string from, IEnumerable<GenericParameter> parameters, string where)
    {
        foreach (var parameter in parameters)
        {
            foreach (var constraint in parameter.Constraints)
            {
                Use(from, constraint.ConstraintType, $"{where} (constraint)");
            }
        }
    }

    /// <summary>Records the edge to the component of <paramref name="used"/> and of every type it is built from.</summary>
    private void Use(string from, TypeReference? used, string where)
    {
        switch (used)
        {
            case null or GenericParameter:
                return;
            case GenericInstanceType generic:
                Use(from, generic.ElementType, where);
                foreach (var argument in generic.GenericArguments)
                {
                    Use(from, argument, where);
                }

                return;
            case TypeSpecification specification: // arrays, by-refs, pointers, modifiers
                Use(from, specification.ElementType, where);
                return;
        }

        var outer = used;
        while (outer.DeclaringType is not null)
        {
            outer = outer.DeclaringType;
        }

        if (Component(outer.Namespace) is string to && to != from)
        {
            _edges.TryAdd((from, to), $"{where} uses {used.FullName}");
        }
    }
}
