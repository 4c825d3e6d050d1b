using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WechatLogistics.Bot.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RepairTicketPlaceKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "PlaceKey",
                table: "RepairTickets",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_RepairTickets_CategoryId_LocationId_PlaceKey_OpenedAt",
                table: "RepairTickets",
                columns: new[] { "CategoryId", "LocationId", "PlaceKey", "OpenedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_RepairTickets_PlaceKeyPending",
                table: "RepairTickets",
                column: "Id",
                filter: "\"PlaceKey\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_RepairTickets_CategoryId_LocationId_PlaceKey_OpenedAt",
                table: "RepairTickets");

            migrationBuilder.DropIndex(
                name: "IX_RepairTickets_PlaceKeyPending",
                table: "RepairTickets");

            migrationBuilder.DropColumn(
                name: "PlaceKey",
                table: "RepairTickets");
        }
    }
}
