using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Perceptron.Playground.Engine;

namespace Perceptron.Playground.Web;

/// <summary>Shows an embedded library source file with numbered, linkable lines (no script; the target line is highlighted by CSS).</summary>
internal static class SourceViewer
{
    /// <summary>The page for a file name from the embedded list, or 404 for anything else.</summary>
    public static IResult Serve(string file)
    {
        string[]? lines = SourceLinks.FileNames.Contains(file, StringComparer.Ordinal) ? SourceLinks.Lines(file) : null;
        if (lines is null)
        {
            return Results.NotFound();
        }

        var html = new StringBuilder();
        html.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
            .Append(WebUtility.HtmlEncode(file))
            .Append(" · Perceptron source</title><link rel=\"stylesheet\" href=\"/source.css\"></head><body><h1>")
            .Append(WebUtility.HtmlEncode(file))
            .Append("</h1><p>The library source this playground was built from.</p><pre>");
        for (int i = 0; i < lines.Length; i++)
        {
            html.Append("<span class=\"line\" id=\"L").Append(i + 1).Append("\"><a href=\"#L").Append(i + 1).Append("\">")
                .Append(i + 1).Append("</a>").Append(WebUtility.HtmlEncode(lines[i].TrimEnd('\r'))).Append("</span>\n");
        }

        html.Append("</pre></body></html>");
        return Results.Content(html.ToString(), "text/html; charset=utf-8");
    }
}
