using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ResumeAspire.Api.Infrastructure;

/// <summary>
/// Turns request-binding failures (malformed JSON, a value of the wrong type, an oversize body)
/// into problem details naming the field and the reason, instead of an empty 400 or a 500.
/// </summary>
public sealed class BadRequestExceptionHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }

        IResult result = badRequest.StatusCode == StatusCodes.Status413PayloadTooLarge
            ? TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request body too large",
                detail: "The request body exceeds the allowed size.")
            : ToValidationProblem(badRequest);

        await result.ExecuteAsync(httpContext);
        return true;
    }

    private static ValidationProblem ToValidationProblem(BadHttpRequestException exception)
    {
        if (exception.InnerException is JsonException json)
        {
            var field = FieldFromPath(json.Path);
            // System.Text.Json tells a wrong value type apart from broken syntax only by its message.
            var wrongType = field != "body" && json.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal);
            var errors = wrongType
                ? new Dictionary<string, string[]> { [field] = [$"'{field}' has a value of the wrong type or format."] }
                : new Dictionary<string, string[]> { ["body"] = [field == "body" ? "The request body is not valid JSON." : $"The request body is not valid JSON (near '{field}')."] };
            return TypedResults.ValidationProblem(errors, title: "Malformed request body");
        }

        return TypedResults.ValidationProblem(
            new Dictionary<string, string[]> { ["request"] = [exception.Message] },
            title: "Bad request");
    }

    // System.Text.Json reports "$.experience[0].start_date"; clients want "experience[0].start_date".
    private static string FieldFromPath(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "body" : path.TrimStart('$', '.');
}
