using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WechatLogistics.Bot.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DeferredDeliveries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DeferredDeliveries",
                columns: table => new
                {
                    Key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Receiver = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Input = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LeaseUntil = table.Column<long>(type: "INTEGER", nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DeferredDeliveries", x => x.Key);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DeferredDeliveries_LeaseUntil",
                table: "DeferredDeliveries",
                column: "LeaseUntil");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DeferredDeliveries");
        }
    }
}
