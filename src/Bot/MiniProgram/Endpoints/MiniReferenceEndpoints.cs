using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using WechatLogistics.Domain.Locations;
using WechatLogistics.Handlers.ReferenceData;

namespace WechatLogistics.Bot.MiniProgram.Endpoints;

/// <summary>The pickers' data: campus locations and repair categories as trees (cached for a minute by the queries).</summary>
public static class MiniReferenceEndpoints
{
    public static RouteGroupBuilder MapMiniReferenceEndpoints(this RouteGroupBuilder student)
    {
        var reference = student.MapGroup("").WithTags("Mini program: reference data");
        reference.MapGet("/locations", async Task<Ok<IReadOnlyList<MiniLocationNode>>> (ISender sender, CancellationToken ct) =>
            TypedResults.Ok(MiniLocationNode.Tree((await sender.Send(new ListLocationsQuery(), ct)).All)))
            .WithSummary("Campus areas → buildings → floors → rooms");
        reference.MapGet("/categories", async Task<Ok<IReadOnlyList<RepairCategoryNode>>> (ISender sender, CancellationToken ct) =>
            TypedResults.Ok((await sender.Send(new ListRepairCategoriesQuery(), ct)).Roots))
            .WithSummary("Repair categories; a ticket takes a leaf");
        return student;
    }
}

public sealed record MiniLocationNode(Guid Id, string Name, LocationKind Kind, IReadOnlyList<MiniLocationNode> Children)
{
    public static IReadOnlyList<MiniLocationNode> Tree(IReadOnlyList<Location> active)
    {
        var byParent = active.ToLookup(l => l.ParentId);
        return Under(null);

        List<MiniLocationNode> Under(Guid? parent) =>
            [.. byParent[parent].OrderBy(l => l.SortOrder).ThenBy(l => l.Name, StringComparer.Ordinal).Select(l => new MiniLocationNode(l.Id, l.Name, l.Kind, Under(l.Id)))];
    }
}
