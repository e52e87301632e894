using Perceptron.Activations;
using Perceptron.Data;
using Perceptron.Optimizers;
using Perceptron.Playground.Data;
using Perceptron.Playground.Engine;
using Perceptron.Playground.Sessions;

namespace Perceptron.Playground.Web;

/// <summary>What the page needs when it (re)connects: the setup, the run's data and history, the choices and the limits.</summary>
internal static class SessionState
{
    /// <summary>The state object (serialised as JSON); the data part is read on the training thread.</summary>
    public static async Task<object> DescribeAsync(PlaygroundSession session, PlaygroundOptions options)
    {
        object? data = await session.Invoke(context => context is null ? null : Describe(context.Data)).ConfigureAwait(false);
        return new
        {
            id = session.Id,
            setup = session.Setup,
            state = session.State,
            message = session.Message,
            history = session.History().Select(p => new[] { p.Step, p.Epoch, Math.Round(p.Train, 6), Math.Round(p.Test, 6) }),
            data,
            upload = session.Upload is { } upload ? new { name = upload.Source, rows = upload.Rows, features = upload.Features.Columns, task = upload.Task.ToString().ToLowerInvariant() } : null,
            limits = new { maxUploadBytes = options.MaxUploadBytes, maxUploadRows = options.MaxUploadRows, maxUploadFeatures = options.MaxUploadFeatures, maxUnits = PlaygroundSetup.MaxUnits, maxLayers = PlaygroundSetup.MaxLayers },
            choices = new
            {
                datasets = PlaneDatasets.Names,
                features = InputFeature.All.Select(f => new { name = f.Name, label = f.Label }),
                activations = Activation.All.Where(a => a.Name != "softmax").Select(a => a.Name),
                optimizers = OptimizerFactory.Names,
                initializers = Initializers.Initializer.All.Select(i => i.Name).Prepend("auto"),
            },
        };
    }

    private static object Describe(SessionData data) => new
    {
        source = data.Train.Source,
        task = data.Task.ToString().ToLowerInvariant(),
        classes = data.Train.ClassNames,
        features = data.Train.FeatureNames,
        target = data.Train.TargetName,
        trainRows = data.Train.Rows,
        testRows = data.Test.Rows,
        plane = data.Plane is { } plane ? new
        {
            minX1 = plane.MinX1,
            maxX1 = plane.MaxX1,
            minX2 = plane.MinX2,
            maxX2 = plane.MaxX2,
            axes = plane.Axes,
            boundarySize = FrameBuilder.BoundarySize,
            unitSize = FrameBuilder.UnitSize,
            train = plane.TrainPoints.Select(p => new[] { Math.Round(p.X1, 4), Math.Round(p.X2, 4), Math.Round(p.Label, 4) }),
            test = plane.TestPoints.Select(p => new[] { Math.Round(p.X1, 4), Math.Round(p.X2, 4), Math.Round(p.Label, 4) }),
        } : null,
    };
}
