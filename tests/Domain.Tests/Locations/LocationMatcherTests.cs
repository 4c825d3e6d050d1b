using WechatLogistics.Domain.Locations;
using WechatLogistics.Domain.ReferenceData;

namespace WechatLogistics.Domain.Tests.Locations;

public sealed class LocationMatcherTests
{
    private static readonly LocationMatcher Matcher = new(ReferenceDataSeed.CreateLocations());

    [Theory]
    [InlineData("东区1号楼 302", "E-D01", "302")]
    [InlineData("东区学生公寓1号楼302室", "E-D01", "302室")]
    [InlineData("东1-302", "E-D01", "302")]
    [InlineData("东1#302", "E-D01", "302")]
    [InlineData("东区一号楼三零二", "E-D01", "302")]
    [InlineData("东１－３０２", "E-D01", "302")]
    [InlineData("东1 302，水龙头一直滴水", "E-D01", "302")]
    [InlineData("西2栋 415", "W-D02", "415")]
    [InlineData("南区2幢", "S-D02", null)]
    [InlineData("3号楼 101", "E-D03", "101")] // only 东区 has a 3号楼
    [InlineData("一食堂", "E-C1", null)]
    [InlineData("第二食堂门口", "W-C2", null)]
    [InlineData("东区1号楼一直漏水", "E-D01", null)] // 一直 is not a number
    [InlineData("东1 302水龙头坏了", "E-D01", "302")]
    [InlineData("东区2号楼3楼302", "E-D02", "3楼302")]
    [InlineData("图书馆三楼", "E-LIB", "3楼")]
    [InlineData("教学楼a 201", "W-TA", "201")]
    [InlineData("南区1栋a101", "S-D01", "A101")]
    public void Match_HowStudentsWriteAPlace_FindsTheBuildingAndRoom(string text, string code, string? room)
    {
        var match = Matcher.Match(text);

        Assert.True(match.IsUnique, $"candidates: {string.Join(",", match.Candidates.Select(c => c.Code))}");
        Assert.Equal((code, room), (match.Building!.Code, match.RoomText));
    }

    [Fact]
    public void Match_BuildingNumberEveryAreaHas_ReturnsEachCandidate()
    {
        var match = Matcher.Match("1号楼302");

        Assert.True(match.IsAmbiguous);
        Assert.Equal(["E-D01", "W-D01", "S-D01"], match.Candidates.Select(c => c.Code));
        Assert.Equal("302", match.RoomText);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("宿舍水管坏了")]
    [InlineData("北区5号楼")]
    [InlineData("东区12号楼 302")] // must not read as 东区1号楼
    [InlineData("东区")]
    public void Match_NothingRecognisable_ReturnsNone(string? text)
    {
        var match = Matcher.Match(text);

        Assert.Empty(match.Candidates);
        Assert.Null(match.Building);
    }

    [Fact]
    public void Match_IgnoresDeactivatedBuildings()
    {
        var locations = ReferenceDataSeed.CreateLocations();
        locations.Single(l => l.Code == "E-D03").Deactivate();

        Assert.Empty(new LocationMatcher(locations).Match("3号楼 101").Candidates);
    }
}
