using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WechatLogistics.Bot.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ReporterInProgressIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_RepairTickets_ReporterOpenId_Status_OpenedAt",
                table: "RepairTickets");

            migrationBuilder.CreateIndex(
                name: "IX_RepairTickets_ReporterOpenId_OpenedAt_InProgress",
                table: "RepairTickets",
                columns: new[] { "ReporterOpenId", "OpenedAt" },
                filter: "\"Status\" NOT IN ('Confirmed', 'Cancelled', 'Rejected')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_RepairTickets_ReporterOpenId_OpenedAt_InProgress",
                table: "RepairTickets");

            migrationBuilder.CreateIndex(
                name: "IX_RepairTickets_ReporterOpenId_Status_OpenedAt",
                table: "RepairTickets",
                columns: new[] { "ReporterOpenId", "Status", "OpenedAt" });
        }
    }
}
