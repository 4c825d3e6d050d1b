using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WechatLogistics.Bot.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class KpiDailyRollups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "KpiDailyRollups",
                columns: table => new
                {
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Dimension = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Opened = table.Column<long>(type: "INTEGER", nullable: false),
                    Closed = table.Column<long>(type: "INTEGER", nullable: false),
                    ResponseMet = table.Column<long>(type: "INTEGER", nullable: false),
                    ResponseBreached = table.Column<long>(type: "INTEGER", nullable: false),
                    ResolutionMet = table.Column<long>(type: "INTEGER", nullable: false),
                    ResolutionBreached = table.Column<long>(type: "INTEGER", nullable: false),
                    Resolved = table.Column<long>(type: "INTEGER", nullable: false),
                    Reworked = table.Column<long>(type: "INTEGER", nullable: false),
                    RatingSum = table.Column<long>(type: "INTEGER", nullable: false),
                    Ratings = table.Column<long>(type: "INTEGER", nullable: false),
                    Complaints = table.Column<long>(type: "INTEGER", nullable: false),
                    FirstResponseSketch = table.Column<byte[]>(type: "BLOB", nullable: false),
                    ResolutionSketch = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_KpiDailyRollups", x => new { x.Dimension, x.Day, x.Key });
                });

            migrationBuilder.CreateTable(
                name: "KpiRollupDays",
                columns: table => new
                {
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    CutOff = table.Column<long>(type: "INTEGER", nullable: false),
                    RolledUpAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_KpiRollupDays", x => x.Day);
                });

            migrationBuilder.CreateIndex(
                name: "IX_KpiDailyRollups_Day",
                table: "KpiDailyRollups",
                column: "Day");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "KpiDailyRollups");

            migrationBuilder.DropTable(
                name: "KpiRollupDays");
        }
    }
}
