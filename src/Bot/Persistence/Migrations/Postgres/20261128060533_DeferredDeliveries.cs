using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WechatLogistics.Bot.Persistence.Migrations.Postgres
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
                    Key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Receiver = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Input = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LeaseUntil = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false)
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
