using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Authentication.BearerToken;

namespace ResumeAspire.Api.Infrastructure;

/// <summary>
/// snake_case JSON everywhere, as the original Flask API spoke it. The Identity endpoint types pin
/// camelCase names with attributes, so they are renamed here too: login answers
/// <c>{token_type, access_token, expires_in, refresh_token}</c>.
/// </summary>
public static class JsonWireFormat
{
    private static readonly string IdentityDataNamespace = typeof(Microsoft.AspNetCore.Identity.Data.LoginRequest).Namespace!;

    public static void Apply(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.TypeInfoResolver = new DefaultJsonTypeInfoResolver().WithAddedModifier(RenameIdentityTypes);
    }

    private static void RenameIdentityTypes(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Type != typeof(AccessTokenResponse) && typeInfo.Type.Namespace != IdentityDataNamespace)
        {
            return;
        }

        foreach (var property in typeInfo.Properties)
        {
            property.Name = JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name);
        }
    }
}
