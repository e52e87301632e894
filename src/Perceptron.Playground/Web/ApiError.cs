using Microsoft.AspNetCore.Http;

namespace Perceptron.Playground.Web;

/// <summary>Error answers: one JSON object with one sentence the page shows as it is.</summary>
internal static class ApiError
{
    /// <summary>An error with a status code.</summary>
    public static IResult Of(int status, string message) => Results.Json(new { error = message }, statusCode: status);

    /// <summary>The session is gone.</summary>
    public static IResult NoSession() =>
        Of(StatusCodes.Status404NotFound, "This session has ended (it was idle, evicted, or the server restarted); reload the page to start a new one.");
}
