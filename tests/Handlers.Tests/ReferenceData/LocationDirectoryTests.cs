using WechatLogistics.Domain.Locations;
using WechatLogistics.Domain.ReferenceData;
using WechatLogistics.Handlers.ReferenceData;

namespace WechatLogistics.Handlers.Tests.ReferenceData;

/// <summary>The walks new tickets make over the cached campus: a place's building and a building's places.</summary>
public sealed class LocationDirectoryTests
{
    private static readonly Guid Building = ReferenceDataSeed.LocationId("E-D01");

    private static readonly Guid RoomId = Guid.NewGuid();

    [Theory]
    [InlineData("E-D01-F3-302", "E-D01")]
    [InlineData("E-D01-F3", "E-D01")]
    [InlineData("E-D01", "E-D01")]
    [InlineData("E-LIB", "E-LIB")]
    [InlineData("E", null)]
    public void TryFindBuilding_ActivePlace_WalksUpToItsBuilding(string code, string? building)
    {
        var directory = Directory(out _);

        Assert.True(directory.TryFindBuilding(IdOf(code), out var found));
        Assert.Equal(building is null ? null : ReferenceDataSeed.LocationId(building), found);
    }

    [Fact]
    public void TryFindBuilding_UnknownPlace_OrRoomOfARetiredFloor_AsksTheCaller()
    {
        var directory = Directory(out _, retire: "E-D01-F3");

        Assert.False(directory.TryFindBuilding(IdOf("E-D01-F3-302"), out var retiredFloor));
        Assert.False(directory.TryFindBuilding(Guid.NewGuid(), out var unknown));
        Assert.Equal((null, null), (retiredFloor, unknown));
    }

    [Fact]
    public void PlacesIn_IsTheBuildingItsActiveFloorsAndTheirRooms()
    {
        var directory = Directory(out var locations, retire: "E-D01-F6");

        var places = directory.PlacesIn(Building);

        var expected = locations.Where(l => l.IsActive && l.Code.StartsWith("E-D01", StringComparison.Ordinal)).Select(l => l.Id);
        Assert.Equal(expected.Order(), places.Order());
        Assert.Equal(Building, places[0]);
        Assert.Contains(IdOf("E-D01-F3-302"), places);
        Assert.DoesNotContain(IdOf("E-D01-F6"), places);
        Assert.DoesNotContain(ReferenceDataSeed.LocationId("E-D02"), places);
        Assert.Equal(7, places.Count); // the building, floors 1–5, room 302
    }

    [Fact]
    public void PlacesIn_ABuildingNotInTheDirectory_IsEmpty()
    {
        var directory = Directory(out _, retire: "E-D02");

        Assert.Empty(directory.PlacesIn(ReferenceDataSeed.LocationId("E-D02")));
        Assert.Empty(directory.PlacesIn(Guid.NewGuid()));
    }

    private static Guid IdOf(string code) => code == "E-D01-F3-302" ? RoomId : ReferenceDataSeed.LocationId(code);

    /// <summary>The seeded campus plus room 302 on E-D01's third floor, built from its active rows as the cache does.</summary>
    private static LocationDirectory Directory(out List<Location> locations, string? retire = null)
    {
        locations = [.. ReferenceDataSeed.CreateLocations()];
        var floor = locations.Single(l => l.Code == "E-D01-F3");
        locations.Add(Location.Create(floor, LocationKind.Room, "302", "E-D01-F3-302", 2, RoomId));
        if (retire is not null)
        {
            locations.Single(l => l.Code == retire).Deactivate();
        }

        return new LocationDirectory([.. locations.Where(l => l.IsActive)]);
    }
}
