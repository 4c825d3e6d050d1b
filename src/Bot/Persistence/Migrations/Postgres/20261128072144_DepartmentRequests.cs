using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WechatLogistics.Bot.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DepartmentRequests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DepartmentRequestNumberSequences",
                columns: table => new
                {
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    LastValue = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DepartmentRequestNumberSequences", x => x.Day);
                });

            migrationBuilder.CreateTable(
                name: "Departments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Name = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Departments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DepartmentContacts",
                columns: table => new
                {
                    OpenId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    DepartmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DepartmentContacts", x => new { x.DepartmentId, x.OpenId });
                    table.ForeignKey(
                        name: "FK_DepartmentContacts_Departments_DepartmentId",
                        column: x => x.DepartmentId,
                        principalTable: "Departments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DepartmentRequests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    DepartmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    FiledByKind = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    FiledBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Kind = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    Description = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Place = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    EstimatedCost = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    WantedDate = table.Column<DateOnly>(type: "date", nullable: false),
                    Status = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    ApprovedSteps = table.Column<int>(type: "integer", nullable: false),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    TicketId = table.Column<Guid>(type: "uuid", nullable: true),
                    TicketNumber = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    IdempotencyKey = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Steps = table.Column<string>(type: "jsonb", nullable: true),
                    Timeline = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DepartmentRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DepartmentRequests_Departments_DepartmentId",
                        column: x => x.DepartmentId,
                        principalTable: "Departments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DepartmentRequests_RepairTickets_TicketId",
                        column: x => x.TicketId,
                        principalTable: "RepairTickets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DepartmentContacts_OpenId",
                table: "DepartmentContacts",
                column: "OpenId");

            migrationBuilder.CreateIndex(
                name: "IX_DepartmentRequests_DepartmentId",
                table: "DepartmentRequests",
                column: "DepartmentId");

            migrationBuilder.CreateIndex(
                name: "IX_DepartmentRequests_FiledBy_IdempotencyKey",
                table: "DepartmentRequests",
                columns: new[] { "FiledBy", "IdempotencyKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DepartmentRequests_FiledBy_SubmittedAt",
                table: "DepartmentRequests",
                columns: new[] { "FiledBy", "SubmittedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_DepartmentRequests_Number",
                table: "DepartmentRequests",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DepartmentRequests_Status_SubmittedAt",
                table: "DepartmentRequests",
                columns: new[] { "Status", "SubmittedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_DepartmentRequests_SubmittedAt_DepartmentId",
                table: "DepartmentRequests",
                columns: new[] { "SubmittedAt", "DepartmentId" });

            migrationBuilder.CreateIndex(
                name: "IX_DepartmentRequests_TicketId",
                table: "DepartmentRequests",
                column: "TicketId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Departments_Code",
                table: "Departments",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Departments_Name",
                table: "Departments",
                column: "Name",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DepartmentContacts");

            migrationBuilder.DropTable(
                name: "DepartmentRequestNumberSequences");

            migrationBuilder.DropTable(
                name: "DepartmentRequests");

            migrationBuilder.DropTable(
                name: "Departments");
        }
    }
}
