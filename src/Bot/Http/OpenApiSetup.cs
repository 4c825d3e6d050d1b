using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using WechatLogistics.Bot.MiniProgram;
using WechatLogistics.Bot.MiniProgram.Auth;

namespace WechatLogistics.Bot.Http;

/// <summary>
/// The OpenAPI document at <c>/openapi/v1.json</c> (mini-program and staff APIs): bearer schemes per API, the
/// <c>Idempotency-Key</c> header on create endpoints, and example bodies attached with <see cref="WithExample"/>.
/// </summary>
public static class OpenApiSetup
{
    private const string MiniScheme = "miniProgram";
    private const string StaffScheme = "staff";

    public static IServiceCollection AddApiDocument(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "WechatLogistics API";
                document.Info.Description = "高校后勤 backend: the mini-program API (/api/mini, student tokens from /api/mini/login) "
                    + "and the staff API (/api/staff, staff tokens from /api/staff/login). Errors are RFC 9457 problem details; "
                    + "validation errors carry an `errors` object keyed by field name. Lists page as {page, pageSize, total, items}.";
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[MiniScheme] = Bearer("Student access token from POST /api/mini/login or /api/mini/refresh.");
                document.Components.SecuritySchemes[StaffScheme] = Bearer("Staff access token from POST /api/staff/login.");
                return Task.CompletedTask;
            });
            options.AddOperationTransformer(DescribeOperation);
        });

    /// <summary>Example request and response bodies for the document (serialized as the API writes them).</summary>
    public static TBuilder WithExample<TBuilder>(this TBuilder builder, object? request, object? response)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ApiExample(request, response));

    /// <summary>Documents the optional <c>Idempotency-Key</c> header.</summary>
    public static TBuilder WithIdempotencyKey<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new IdempotentCreate());

    private static OpenApiSecurityScheme Bearer(string description) =>
        new() { Type = SecuritySchemeType.Http, Scheme = "bearer", BearerFormat = "JWT", Description = description };

    private static Task DescribeOperation(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        // Every authorization on the staff API is one of its policies; the mini-program API has exactly one.
        var policies = metadata.OfType<IAuthorizeData>().Select(a => a.Policy).ToList();
        var scheme = policies.Contains(MiniTokens.Policy) ? MiniScheme : policies.Count > 0 ? StaffScheme : null;
        if (scheme is not null && !metadata.OfType<IAllowAnonymous>().Any())
        {
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(scheme, context.Document)] = [] }];
        }

        if (metadata.OfType<IdempotentCreate>().Any())
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = IdempotencyKey.Header,
                In = ParameterLocation.Header,
                Description = "Optional, up to 64 visible characters (a UUID). The same key returns the first answer's resource "
                    + "(200, same body); the same key with a different request is 422.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = IdempotencyKey.MaxLength },
            });
        }

        if (metadata.OfType<ApiExample>().LastOrDefault() is { } example)
        {
            var json = context.ApplicationServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
            SetExample(operation.RequestBody?.Content, example.Request, json);
            var success = operation.Responses?.Where(r => r.Key.StartsWith('2')).Select(r => r.Value).FirstOrDefault();
            SetExample(success?.Content, example.Response, json);
        }

        return Task.CompletedTask;
    }

    private static void SetExample(IDictionary<string, OpenApiMediaType>? content, object? value, JsonSerializerOptions json)
    {
        if (content is null || value is null)
        {
            return;
        }

        foreach (var media in content.Values)
        {
            media.Example = JsonSerializer.SerializeToNode(value, value.GetType(), json);
        }
    }

    private sealed record ApiExample(object? Request, object? Response);

    private sealed record IdempotentCreate;
}
