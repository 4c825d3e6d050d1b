using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WechatLogistics.Bot.Persistence.Migrations.Postgres
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
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    Dimension = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    Key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Opened = table.Column<long>(type: "bigint", nullable: false),
                    Closed = table.Column<long>(type: "bigint", nullable: false),
                    ResponseMet = table.Column<long>(type: "bigint", nullable: false),
                    ResponseBreached = table.Column<long>(type: "bigint", nullable: false),
                    ResolutionMet = table.Column<long>(type: "bigint", nullable: false),
                    ResolutionBreached = table.Column<long>(type: "bigint", nullable: false),
                    Resolved = table.Column<long>(type: "bigint", nullable: false),
                    Reworked = table.Column<long>(type: "bigint", nullable: false),
                    RatingSum = table.Column<long>(type: "bigint", nullable: false),
                    Ratings = table.Column<long>(type: "bigint", nullable: false),
                    Complaints = table.Column<long>(type: "bigint", nullable: false),
                    FirstResponseSketch = table.Column<byte[]>(type: "bytea", nullable: false),
                    ResolutionSketch = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_KpiDailyRollups", x => new { x.Dimension, x.Day, x.Key });
                });

            migrationBuilder.CreateTable(
                name: "KpiRollupDays",
                columns: table => new
                {
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    CutOff = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RolledUpAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
