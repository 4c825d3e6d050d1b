using WechatLogistics.Domain.Categories;
using WechatLogistics.Domain.Locations;
using WechatLogistics.Domain.RepairTickets;

namespace WechatLogistics.Domain.ReferenceData;

/// <summary>
/// A realistic starting campus and repair category tree. Ids derive from the codes
/// (<see cref="DeterministicGuid"/>), so seeding is idempotent: upsert by id. Each call returns new
/// instances, safe to hand to a <c>DbContext</c>.
/// </summary>
public static partial class ReferenceDataSeed
{
    private const int DormFloors = 6;

    private static readonly (string Name, string Code, (string Name, string Code, bool Dorm)[] Buildings)[] Campus =
    [
        ("东区", "E",
        [
            ("东区学生公寓1号楼", "E-D01", true),
            ("东区学生公寓2号楼", "E-D02", true),
            ("东区学生公寓3号楼", "E-D03", true),
            ("图书馆", "E-LIB", false),
            ("第一食堂", "E-C1", false),
        ]),
        ("西区", "W",
        [
            ("西区学生公寓1号楼", "W-D01", true),
            ("西区学生公寓2号楼", "W-D02", true),
            ("教学楼A", "W-TA", false),
            ("教学楼B", "W-TB", false),
            ("第二食堂", "W-C2", false),
        ]),
        ("南区", "S",
        [
            ("南区学生公寓1号楼", "S-D01", true),
            ("南区学生公寓2号楼", "S-D02", true),
            ("体育馆", "S-GYM", false),
            ("实验楼", "S-LAB", false),
            ("第三食堂", "S-C3", false),
        ]),
    ];

    private static readonly (string Name, string Code, Priority Priority, (string Name, string Code, Priority Priority)[] Children)[] CategoryTree =
    [
        ("水", "WATER", Priority.Normal,
        [
            ("水龙头", "WATER-TAP", Priority.Normal),
            ("水管漏水", "WATER-LEAK", Priority.Urgent),
            ("马桶堵塞", "WATER-TOILET", Priority.Normal),
        ]),
        ("电", "ELEC", Priority.Normal,
        [
            ("照明", "ELEC-LIGHT", Priority.Normal),
            ("插座", "ELEC-SOCKET", Priority.Normal),
            ("跳闸", "ELEC-TRIP", Priority.Urgent),
        ]),
        ("门窗家具", "FURN", Priority.Low,
        [
            ("门锁", "FURN-LOCK", Priority.Normal),
            ("门窗", "FURN-WINDOW", Priority.Low),
            ("桌椅床铺", "FURN-BED", Priority.Low),
        ]),
        ("网络", "NET", Priority.Normal,
        [
            ("无法上网", "NET-DOWN", Priority.Normal),
            ("网口损坏", "NET-PORT", Priority.Low),
        ]),
        ("空调", "AC", Priority.Normal,
        [
            ("不制冷/不制热", "AC-TEMP", Priority.Normal),
            ("空调漏水", "AC-LEAK", Priority.Normal),
            ("遥控器", "AC-REMOTE", Priority.Low),
        ]),
        ("其他", "OTHER", Priority.Low, []),
    ];

    /// <summary>Areas, buildings, and floors 1层–6层 of every dorm, parents before children.</summary>
    public static IReadOnlyList<Location> CreateLocations()
    {
        var locations = new List<Location>();
        foreach (var (areaIndex, area) in Campus.Index())
        {
            var areaLocation = Location.Create(null, LocationKind.Area, area.Name, area.Code, areaIndex + 1, LocationId(area.Code));
            locations.Add(areaLocation);
            foreach (var (buildingIndex, building) in area.Buildings.Index())
            {
                var buildingLocation = Location.Create(
                    areaLocation, LocationKind.Building, building.Name, building.Code, buildingIndex + 1, LocationId(building.Code));
                locations.Add(buildingLocation);
                for (var floor = 1; building.Dorm && floor <= DormFloors; floor++)
                {
                    var code = $"{building.Code}-F{floor}";
                    locations.Add(Location.Create(buildingLocation, LocationKind.Floor, $"{floor}层", code, floor, LocationId(code)));
                }
            }
        }

        return locations;
    }

    /// <summary>The category tree, parents before children.</summary>
    public static IReadOnlyList<RepairCategory> CreateCategories()
    {
        var categories = new List<RepairCategory>();
        foreach (var (index, top) in CategoryTree.Index())
        {
            var parent = RepairCategory.Create(null, top.Name, top.Code, top.Priority, index + 1, CategoryId(top.Code));
            categories.Add(parent);
            foreach (var (childIndex, child) in top.Children.Index())
            {
                categories.Add(RepairCategory.Create(parent, child.Name, child.Code, child.Priority, childIndex + 1, CategoryId(child.Code)));
            }
        }

        return categories;
    }

    public static Guid LocationId(string code) => DeterministicGuid.Create("location:" + code);

    public static Guid CategoryId(string code) => DeterministicGuid.Create("category:" + code);
}
