using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WechatLogistics.Bot.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ScoreCardsAndHours : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "WeChatOpenId",
                table: "StaffMembers",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "HoursEntries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    VolunteerOpenId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    SignupId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ShiftId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Hours = table.Column<decimal>(type: "TEXT", precision: 6, scale: 2, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    EarnedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HoursEntries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ScoreCardPeriods",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Scope = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    From = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    To = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    LockedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LockedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Snapshot = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScoreCardPeriods", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_HoursEntries_EarnedAt",
                table: "HoursEntries",
                column: "EarnedAt");

            migrationBuilder.CreateIndex(
                name: "IX_HoursEntries_SignupId",
                table: "HoursEntries",
                column: "SignupId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_HoursEntries_VolunteerOpenId",
                table: "HoursEntries",
                column: "VolunteerOpenId");

            migrationBuilder.CreateIndex(
                name: "IX_ScoreCardPeriods_Scope_From_To",
                table: "ScoreCardPeriods",
                columns: new[] { "Scope", "From", "To" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "HoursEntries");

            migrationBuilder.DropTable(
                name: "ScoreCardPeriods");

            migrationBuilder.DropColumn(
                name: "WeChatOpenId",
                table: "StaffMembers");
        }
    }
}
