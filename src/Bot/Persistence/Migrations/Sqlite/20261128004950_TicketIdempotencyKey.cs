using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WechatLogistics.Bot.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TicketIdempotencyKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "IdempotencyKey",
                table: "RepairTickets",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_RepairTickets_ReporterOpenId_IdempotencyKey",
                table: "RepairTickets",
                columns: new[] { "ReporterOpenId", "IdempotencyKey" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_RepairTickets_ReporterOpenId_IdempotencyKey",
                table: "RepairTickets");

            migrationBuilder.DropColumn(
                name: "IdempotencyKey",
                table: "RepairTickets");
        }
    }
}
