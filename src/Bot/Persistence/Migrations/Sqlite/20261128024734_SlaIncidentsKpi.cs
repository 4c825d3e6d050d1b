using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WechatLogistics.Bot.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SlaIncidentsKpi : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Incidents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CategoryId = table.Column<Guid>(type: "TEXT", nullable: false),
                    BuildingId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    OpenedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    FirstReportAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LastReportAt = table.Column<long>(type: "INTEGER", nullable: false),
                    TicketCount = table.Column<int>(type: "INTEGER", nullable: false),
                    AnnouncementId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AnnouncedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ClosedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Incidents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Incidents_Locations_BuildingId",
                        column: x => x.BuildingId,
                        principalTable: "Locations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Incidents_RepairCategories_CategoryId",
                        column: x => x.CategoryId,
                        principalTable: "RepairCategories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SlaAlerts",
                columns: table => new
                {
                    TicketId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Clock = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    Stage = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    NotifiedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SlaAlerts", x => new { x.TicketId, x.Clock, x.Stage });
                    table.ForeignKey(
                        name: "FK_SlaAlerts_RepairTickets_TicketId",
                        column: x => x.TicketId,
                        principalTable: "RepairTickets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "IncidentTickets",
                columns: table => new
                {
                    TicketId = table.Column<Guid>(type: "TEXT", nullable: false),
                    IncidentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReportedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LinkedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IncidentTickets", x => new { x.IncidentId, x.TicketId });
                    table.ForeignKey(
                        name: "FK_IncidentTickets_Incidents_IncidentId",
                        column: x => x.IncidentId,
                        principalTable: "Incidents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_IncidentTickets_RepairTickets_TicketId",
                        column: x => x.TicketId,
                        principalTable: "RepairTickets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RepairTickets_Kpi",
                table: "RepairTickets",
                columns: new[] { "OpenedAt", "Status", "CategoryId", "LocationId", "AssigneeId", "FirstResponseAt", "ResponseDueAt", "ResolvedAt", "ResolveDueAt", "Round", "Rating" });

            migrationBuilder.CreateIndex(
                name: "IX_RepairTickets_KpiClosed",
                table: "RepairTickets",
                columns: new[] { "ClosedAt", "CategoryId", "LocationId", "AssigneeId" });

            migrationBuilder.CreateIndex(
                name: "IX_IncidentTickets_TicketId",
                table: "IncidentTickets",
                column: "TicketId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Incidents_BuildingId",
                table: "Incidents",
                column: "BuildingId");

            migrationBuilder.CreateIndex(
                name: "IX_Incidents_CategoryId_BuildingId_Open",
                table: "Incidents",
                columns: new[] { "CategoryId", "BuildingId" },
                unique: true,
                filter: "\"Status\" = 'Open'");

            migrationBuilder.CreateIndex(
                name: "IX_Incidents_Status_OpenedAt",
                table: "Incidents",
                columns: new[] { "Status", "OpenedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "IncidentTickets");

            migrationBuilder.DropTable(
                name: "SlaAlerts");

            migrationBuilder.DropTable(
                name: "Incidents");

            migrationBuilder.DropIndex(
                name: "IX_RepairTickets_Kpi",
                table: "RepairTickets");

            migrationBuilder.DropIndex(
                name: "IX_RepairTickets_KpiClosed",
                table: "RepairTickets");
        }
    }
}
