using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WechatLogistics.Bot.Persistence.Migrations.Postgres
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
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "HoursEntries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    VolunteerOpenId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    SignupId = table.Column<Guid>(type: "uuid", nullable: true),
                    ShiftId = table.Column<Guid>(type: "uuid", nullable: true),
                    Hours = table.Column<decimal>(type: "numeric(6,2)", precision: 6, scale: 2, nullable: false),
                    Reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    RecordedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    EarnedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HoursEntries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ScoreCardPeriods",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Scope = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    From = table.Column<DateOnly>(type: "date", nullable: false),
                    To = table.Column<DateOnly>(type: "date", nullable: false),
                    LockedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LockedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Snapshot = table.Column<string>(type: "text", nullable: false)
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
