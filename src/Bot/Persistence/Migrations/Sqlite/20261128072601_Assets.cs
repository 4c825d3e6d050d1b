using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WechatLogistics.Bot.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Assets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "AssetId",
                table: "RepairTickets",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "RecurringFault",
                table: "RepairTickets",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "Assets",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    LocationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ResponsibleTeamId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ResponsibleUserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    PurchasedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Value = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Assets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Assets_Locations_LocationId",
                        column: x => x.LocationId,
                        principalTable: "Locations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Assets_StaffMembers_ResponsibleUserId",
                        column: x => x.ResponsibleUserId,
                        principalTable: "StaffMembers",
                        principalColumn: "UserId",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Assets_Teams_ResponsibleTeamId",
                        column: x => x.ResponsibleTeamId,
                        principalTable: "Teams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RepairTickets_AssetId_OpenedAt",
                table: "RepairTickets",
                columns: new[] { "AssetId", "OpenedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Assets_Code",
                table: "Assets",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Assets_LocationId_Code",
                table: "Assets",
                columns: new[] { "LocationId", "Code" });

            migrationBuilder.CreateIndex(
                name: "IX_Assets_ResponsibleTeamId",
                table: "Assets",
                column: "ResponsibleTeamId");

            migrationBuilder.CreateIndex(
                name: "IX_Assets_ResponsibleUserId",
                table: "Assets",
                column: "ResponsibleUserId");

            migrationBuilder.AddForeignKey(
                name: "FK_RepairTickets_Assets_AssetId",
                table: "RepairTickets",
                column: "AssetId",
                principalTable: "Assets",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_RepairTickets_Assets_AssetId",
                table: "RepairTickets");

            migrationBuilder.DropTable(
                name: "Assets");

            migrationBuilder.DropIndex(
                name: "IX_RepairTickets_AssetId_OpenedAt",
                table: "RepairTickets");

            migrationBuilder.DropColumn(
                name: "AssetId",
                table: "RepairTickets");

            migrationBuilder.DropColumn(
                name: "RecurringFault",
                table: "RepairTickets");
        }
    }
}
