using Microsoft.AspNetCore.Http;

namespace Perceptron.Playground.Web;

/// <summary>The headers every response carries: a strict content security policy (no inline script, nothing from elsewhere), nosniff, no framing.</summary>
internal static class SecurityHeaders
{
    /// <summary>Scripts, styles, images and connections from this server only; no inline script, no plugins, no framing.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; " +
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /// <summary>Adds the headers before the response starts.</summary>
    public static void Apply(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Cross-Origin-Resource-Policy"] = "same-origin";
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            headers.CacheControl = "no-store";
        }
    }

    /// <summary>
    /// When the server listens on loopback only, a request whose Host is not a loopback name is refused: it can only come
    /// from a page of another site that re-pointed its own name at 127.0.0.1 (DNS rebinding).
    /// </summary>
    public static bool IsAllowedHost(HostString host) =>
        host.Host is "localhost" or "127.0.0.1" or "[::1]" or "::1";
}
