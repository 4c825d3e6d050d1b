using WechatLogistics.Domain.Locations;
using WechatLogistics.Domain.ReferenceData;

namespace WechatLogistics.Domain.Tests.ReferenceData;

public sealed class ReferenceDataSeedTests
{
    [Fact]
    public void Seeding_Twice_ProducesTheSameIds()
    {
        Assert.Equal(ReferenceDataSeed.CreateLocations().Select(l => l.Id), ReferenceDataSeed.CreateLocations().Select(l => l.Id));
        Assert.Equal(ReferenceDataSeed.CreateCategories().Select(c => c.Id), ReferenceDataSeed.CreateCategories().Select(c => c.Id));
    }

    [Fact]
    public void SeededIds_ArePinned_SoExistingDatabasesAreNotReseededWithDuplicates()
    {
        // If this changes, every deployed database would get a second copy of the reference data.
        // The value is RFC 9562 UUIDv5, as Python's uuid.uuid5(DeterministicGuid.Namespace, "location:E") gives.
        Assert.Equal(Guid.Parse("9379d953-821c-5a4b-ade9-c04ac495603e"), ReferenceDataSeed.LocationId("E"));
        Assert.Equal(5, ReferenceDataSeed.LocationId("E").Version);
    }

    [Fact]
    public void Locations_FormAHierarchyWithUniqueCodes()
    {
        var locations = ReferenceDataSeed.CreateLocations();
        var byId = locations.ToDictionary(l => l.Id);

        Assert.Equal(locations.Count, locations.Select(l => l.Code).Distinct().Count());
        Assert.All(locations.Where(l => l.Kind != LocationKind.Area), l => Assert.True(byId[l.ParentId!.Value].Kind < l.Kind));
        Assert.Equal(["东区", "西区", "南区"], locations.Where(l => l.Kind == LocationKind.Area).Select(l => l.Name));
        var dorm = locations.Single(l => l.Name == "东区学生公寓1号楼");
        Assert.Equal(6, locations.Count(l => l.ParentId == dorm.Id && l.Kind == LocationKind.Floor));
    }

    [Fact]
    public void Categories_CoverTheCommonFaults()
    {
        var categories = ReferenceDataSeed.CreateCategories();
        var water = categories.Single(c => c.Name == "水");

        Assert.Equal(["水龙头", "水管漏水", "马桶堵塞"], categories.Where(c => c.ParentId == water.Id).Select(c => c.Name));
        Assert.Equal(
            ["水", "电", "门窗家具", "网络", "空调", "其他"],
            categories.Where(c => c.ParentId is null).Select(c => c.Name));
        Assert.Equal(categories.Count, categories.Select(c => c.Code).Distinct().Count());
    }
}
