using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using WechatLogistics.Domain.Categories;
using WechatLogistics.Domain.RepairTickets;
using WechatLogistics.Handlers.Common;
using WechatLogistics.Handlers.ReferenceData;

namespace WechatLogistics.Handlers.StaffAdmin;

public sealed record CategoryView(Guid Id, Guid? ParentId, string Name, string Code, Priority DefaultPriority, int SortOrder, bool IsActive)
{
    public static CategoryView Of(RepairCategory c) => new(c.Id, c.ParentId, c.Name, c.Code, c.DefaultPriority, c.SortOrder, c.IsActive);
}

/// <summary>Every category, inactive ones included, top level first.</summary>
public sealed record ListAllCategoriesQuery(string ActorUserId) : IQuery<IReadOnlyList<CategoryView>>;

public sealed record CreateCategoryCommand(string ActorUserId, Guid? ParentId, string Name, string Code, Priority DefaultPriority, int SortOrder = 0)
    : ICommand<CategoryView>, IValidatable
{
    public IEnumerable<ValidationError> Validate() =>
    [
        .. InputRules.Required(nameof(Name), Name, RepairCategory.MaxNameLength, "类别名称"),
        .. InputRules.Required(nameof(Code), Code, RepairCategory.MaxCodeLength, "类别编码"),
        .. InputRules.Unless(Enum.IsDefined(DefaultPriority), nameof(DefaultPriority), "优先级不正确。"),
    ];
}

/// <summary>Rename, change the default priority (new reports only), deactivate or reactivate.</summary>
public sealed record UpdateCategoryCommand(string ActorUserId, Guid Id, string Name, Priority DefaultPriority, bool IsActive)
    : ICommand<CategoryView>, IValidatable
{
    public IEnumerable<ValidationError> Validate() =>
    [
        .. InputRules.Required(nameof(Name), Name, RepairCategory.MaxNameLength, "类别名称"),
        .. InputRules.Unless(Enum.IsDefined(DefaultPriority), nameof(DefaultPriority), "优先级不正确。"),
    ];
}

public sealed class CategoriesHandler(IAppDbContext db, IMemoryCache cache)
    : IQueryHandler<ListAllCategoriesQuery, IReadOnlyList<CategoryView>>,
        ICommandHandler<CreateCategoryCommand, CategoryView>,
        ICommandHandler<UpdateCategoryCommand, CategoryView>
{
    public async ValueTask<IReadOnlyList<CategoryView>> Handle(ListAllCategoriesQuery query, CancellationToken ct)
    {
        await AdminAccess.StaffAsync(db, query.ActorUserId, ct);
        var all = await db.RepairCategories.AsNoTracking()
            .OrderBy(c => c.ParentId == null ? 0 : 1).ThenBy(c => c.SortOrder).ThenBy(c => c.Code).ToListAsync(ct);
        return [.. all.Select(CategoryView.Of)];
    }

    public async ValueTask<CategoryView> Handle(CreateCategoryCommand command, CancellationToken ct)
    {
        await AdminAccess.AdminAsync(db, command.ActorUserId, ct);
        var parent = command.ParentId is { } parentId
            ? await db.RepairCategories.SingleOrDefaultAsync(c => c.Id == parentId, ct) ?? throw AdminAccess.NotFound("category")
            : null;
        if (parent?.ParentId is not null)
        {
            throw new Domain.Common.DomainException("category.invalid", "类别最多两级。");
        }

        var category = RepairCategory.Create(parent, command.Name, command.Code, command.DefaultPriority, command.SortOrder);
        if (await db.RepairCategories.AnyAsync(c => c.Code == category.Code, ct))
        {
            throw AdminAccess.Duplicate("category", $"类别编码 {category.Code} 已存在。");
        }

        db.RepairCategories.Add(category);
        await db.SaveChangesAsync(ct);
        ReferenceDataCache.Forget(cache);
        return CategoryView.Of(category);
    }

    public async ValueTask<CategoryView> Handle(UpdateCategoryCommand command, CancellationToken ct)
    {
        await AdminAccess.AdminAsync(db, command.ActorUserId, ct);
        var category = await db.RepairCategories.SingleOrDefaultAsync(c => c.Id == command.Id, ct) ?? throw AdminAccess.NotFound("category");
        category.Rename(command.Name);
        category.ChangeDefaultPriority(command.DefaultPriority);
        AdminAccess.SetActive(command.IsActive, category.Activate, category.Deactivate);

        await db.SaveChangesAsync(ct);
        ReferenceDataCache.Forget(cache);
        return CategoryView.Of(category);
    }
}
