// The staff admin page. Every server string reaches the DOM through textContent or an attribute, never innerHTML:
// ticket places and descriptions are typed by students.
"use strict";

(() => {
  const TOKEN_KEY = "wl.staffToken";
  const PAGE_SIZE = 20;
  const $ = (id) => document.getElementById(id);
  const state = { page: 1, total: 0 };

  class Unauthorized extends Error {}

  function token() { return sessionStorage.getItem(TOKEN_KEY); }

  async function api(method, path, body) {
    const headers = { Accept: "application/json" };
    const t = token();
    if (t) headers.Authorization = "Bearer " + t;
    if (body !== undefined) headers["Content-Type"] = "application/json";
    const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    if (response.status === 401) throw new Unauthorized();
    const text = await response.text();
    const data = text ? JSON.parse(text) : null;
    if (!response.ok) throw new Error(problemText(data, response.status));
    return data;
  }

  function problemText(problem, status) {
    if (problem && problem.errors) {
      const messages = Object.values(problem.errors).flat();
      if (messages.length) return messages.join("；");
    }
    return (problem && (problem.detail || problem.title)) || "请求失败（" + status + "）";
  }

  // Any 401 (expired token, revoked account) drops the session and returns to the login form with a message.
  function guard(work) {
    return async (...args) => {
      try {
        await work(...args);
      } catch (error) {
        if (error instanceof Unauthorized) { showLogin("登录已失效，请重新登录。"); return; }
        throw error;
      }
    };
  }

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  function showLogin(message) {
    sessionStorage.removeItem(TOKEN_KEY);
    $("app").hidden = true;
    $("logout").hidden = true;
    $("who").textContent = "";
    $("ticket-rows").replaceChildren();
    $("login-section").hidden = false;
    $("login-error").textContent = message || "";
  }

  async function showApp() {
    $("login-section").hidden = true;
    $("app").hidden = false;
    $("logout").hidden = false;
    await Promise.all([loadTickets(), loadIncidents(), loadKpis(), loadDaily(), loadBuildings()]);
  }

  async function login(event) {
    event.preventDefault();
    $("login-error").textContent = "";
    const response = await fetch("/api/staff/login", {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({ userName: $("login-user").value, password: $("login-password").value }),
    });
    if (!response.ok) {
      const problem = await response.json().catch(() => null);
      $("login-error").textContent = response.status === 401 ? "用户名或密码错误。" : problemText(problem, response.status);
      return;
    }
    const result = await response.json();
    sessionStorage.setItem(TOKEN_KEY, result.accessToken);
    $("login-password").value = "";
    $("who").textContent = $("login-user").value;
    await guard(showApp)();
  }

  async function loadTickets() {
    const query = new URLSearchParams({ page: String(state.page), pageSize: String(PAGE_SIZE) });
    const status = $("status-filter").value;
    if (status) query.set("status", status);
    if ($("overdue-filter").checked) query.set("overdue", "true");
    const result = await api("GET", "/api/staff/tickets?" + query);
    state.total = result.total;
    const rows = result.items.map((t) => {
      const row = document.createElement("tr");
      row.dataset.number = t.number;
      if (t.overdue) row.classList.add("overdue");
      row.append(
        el("td", t.number), el("td", t.category), el("td", t.place), el("td", t.statusName),
        el("td", t.assigneeName || "—"), el("td", formatTime(t.openedAt)), el("td", t.overdue ? "超时" : ""));
      return row;
    });
    if (!rows.length) {
      const empty = document.createElement("tr");
      const cell = el("td", "没有符合条件的工单");
      cell.colSpan = 7;
      empty.append(cell);
      rows.push(empty);
    }
    $("ticket-rows").replaceChildren(...rows);
    const pages = Math.max(1, Math.ceil(result.total / result.pageSize));
    $("page-info").textContent = "第 " + result.page + " / " + pages + " 页，共 " + result.total + " 条";
    $("prev-page").disabled = result.page <= 1;
    $("next-page").disabled = result.page >= pages;
  }

  async function loadIncidents() {
    const incidents = await api("GET", "/api/staff/incidents");
    const items = incidents.map((incident) => {
      const item = el("li", incident.building + " · " + incident.category + " · " + incident.ticketCount + " 单报修");
      item.dataset.incidentId = incident.id;
      const button = el("button", incident.announcedAt ? "已通知住户" : "通知该楼住户");
      button.type = "button";
      button.className = "announce-incident";
      button.disabled = Boolean(incident.announcedAt);
      const result = el("span", "", "result");
      button.addEventListener("click", guard(async () => {
        button.disabled = true;
        try {
          const published = await api("POST", "/api/staff/incidents/" + encodeURIComponent(incident.id) + "/announce", {});
          result.textContent = "已通知 " + published.recipients + " 位住户";
          button.textContent = "已通知住户";
        } catch (error) {
          if (error instanceof Unauthorized) throw error;
          result.textContent = error.message;
          button.disabled = false;
        }
      }));
      item.append(button, result, planPanel(incident));
      return item;
    });
    $("incident-list").replaceChildren(...items);
    $("incident-banner").hidden = items.length === 0;
  }

  // An incident's emergency plan (应急预案): start it (the trade's plan, with the expected restoration for the notice), or
  // its progress — tasks done of total, each with its role, who finished it and when.
  function planPanel(incident) {
    const panel = el("div", null, "plan");
    panel.dataset.incidentId = incident.id;
    if (incident.plan) {
      guard(async () => renderPlan(panel, await api("GET", planPath(incident.id))))().catch((error) => { panel.replaceChildren(el("span", error.message, "error")); });
      return panel;
    }
    const expected = el("input");
    expected.className = "plan-expected";
    expected.placeholder = "预计恢复时间（如 今晚22:00）";
    expected.maxLength = 30;
    const start = el("button", "启动应急预案", "start-plan");
    start.type = "button";
    const result = el("span", "", "result");
    start.addEventListener("click", guard(async () => {
      start.disabled = true;
      try {
        const started = await api("POST", planPath(incident.id), { expected: expected.value || null });
        renderPlan(panel, started.plan);
        panel.prepend(el("span", "已启动，已通知 " + started.noticeRecipients + " 位住户", "result"));
      } catch (error) {
        if (error instanceof Unauthorized) throw error;
        result.textContent = error.message;
        start.disabled = false;
      }
    }));
    panel.append(expected, start, result);
    return panel;
  }

  function renderPlan(panel, plan) {
    const heading = el("div", "应急预案「" + plan.name + "」：已完成 " + plan.finished + " / " + plan.total, "plan-progress");
    const tasks = el("ol", null, "plan-tasks");
    for (const task of plan.tasks) {
      const item = el("li", task.title + " · " + task.roleName + (task.team ? "（" + task.team + "）" : ""));
      item.dataset.number = task.number;
      item.classList.add("task-" + task.status.toLowerCase());
      if (task.status === "Open") {
        item.append(el("span", task.dueAt ? " · 期限 " + formatTime(task.dueAt) : "", "due"));
        const done = el("button", "完成", "complete-task");
        done.type = "button";
        done.addEventListener("click", guard(async () => {
          done.disabled = true;
          try {
            renderPlan(panel, await api("POST", planPath(plan.incidentId) + "/tasks/" + task.number + "/complete", {}));
          } catch (error) {
            if (error instanceof Unauthorized) throw error;
            item.append(el("span", error.message, "error"));
            done.disabled = false;
          }
        }));
        item.append(done);
      } else {
        const what = task.status === "Done" ? "已完成" : "已跳过";
        item.append(el("span", " · " + what + " · " + (task.finishedByName || "") + " · " + formatTime(task.finishedAt) + (task.note ? " · " + task.note : ""), "who"));
      }
      tasks.append(item);
    }
    panel.replaceChildren(heading, tasks);
  }

  function planPath(incidentId) { return "/api/staff/incidents/" + encodeURIComponent(incidentId) + "/plan"; }

  async function loadKpis() {
    const today = new Date();
    const from = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 29);
    const to = new Date(today.getFullYear(), today.getMonth(), today.getDate() + 1); // exclusive
    const query = new URLSearchParams({ by: "category", from: isoDate(from), to: isoDate(to) });
    const report = await api("GET", "/api/staff/kpis?" + query);
    const rows = report.groups.map((g) => {
      const row = document.createElement("tr");
      row.append(el("td", g.name), el("td", g.opened), el("td", g.closed), el("td", percent(g.responseCompliance)), el("td", percent(g.resolutionCompliance)));
      return row;
    });
    if (!rows.length) {
      const empty = document.createElement("tr");
      const cell = el("td", "近 30 天没有报修");
      cell.colSpan = 5;
      empty.append(cell);
      rows.push(empty);
    }
    $("kpi-rows").replaceChildren(...rows);
  }

  async function loadDaily() {
    const days = await api("GET", "/api/staff/kpis/daily?days=30");
    $("daily-chart").replaceChildren(drawChart(days));
  }

  // A grouped bar chart in SVG built node by node (no library, no inline styles: the CSS colours the bars).
  function drawChart(days) {
    const ns = "http://www.w3.org/2000/svg";
    const width = 900, height = 220, left = 30, bottom = 24, top = 10;
    const max = Math.max(1, ...days.map((d) => Math.max(d.opened, d.closed)));
    const slot = (width - left) / Math.max(1, days.length);
    const bar = Math.max(1, slot / 2 - 1);
    const scale = (v) => (height - bottom - top) * v / max;
    const svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 " + width + " " + height);
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", "近 30 天每日报修与完成数量");
    const add = (tag, attributes, className, text) => {
      const node = document.createElementNS(ns, tag);
      for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
      if (className) node.setAttribute("class", className);
      if (text !== undefined) node.textContent = text;
      svg.append(node);
      return node;
    };
    add("line", { x1: left, y1: height - bottom, x2: width, y2: height - bottom }, "axis");
    add("text", { x: 0, y: top + 8 }, null, String(max));
    days.forEach((day, i) => {
      const x = left + i * slot;
      for (const [kind, value, offset] of [["opened", day.opened, 0], ["closed", day.closed, bar + 1]]) {
        const h = scale(value);
        const rect = add("rect", { x: x + offset, y: height - bottom - h, width: bar, height: h }, kind);
        rect.dataset.date = day.date;
        const title = document.createElementNS(ns, "title");
        title.textContent = day.date + (kind === "opened" ? " 报修 " : " 完成 ") + value;
        rect.append(title);
      }
      if (i % 5 === 0 || i === days.length - 1) add("text", { x, y: height - 8 }, null, String(day.date).slice(5));
    });
    return svg;
  }

  async function loadBuildings() {
    let locations;
    try {
      locations = await api("GET", "/api/staff/locations");
    } catch (error) {
      if (error instanceof Unauthorized) throw error;
      return; // a role that may not list places still announces to the other audiences
    }
    const options = locations.filter((l) => l.kind === "Building" && l.isActive).map((l) => {
      const option = el("option", l.name);
      option.value = l.id;
      return option;
    });
    $("announce-building").replaceChildren(...options);
  }

  async function announce(event) {
    event.preventDefault();
    const audience = $("announce-audience").value;
    const body = { title: $("announce-title").value, body: $("announce-body").value, audience };
    if (audience === "Building") body.buildingId = $("announce-building").value || null;
    $("announce-result").textContent = "发布中…";
    try {
      const result = await api("POST", "/api/staff/announcements", body);
      $("announce-result").textContent = "已发布，接收人数：" + result.recipients;
      $("announce-form").reset();
      $("announce-building-label").hidden = true;
    } catch (error) {
      if (error instanceof Unauthorized) throw error;
      $("announce-result").textContent = "发布失败：" + error.message;
    }
  }

  function formatTime(value) {
    const date = new Date(value);
    return isNaN(date) ? String(value) : date.toLocaleString("zh-CN", { hour12: false });
  }

  function isoDate(date) {
    const pad = (n) => String(n).padStart(2, "0");
    return date.getFullYear() + "-" + pad(date.getMonth() + 1) + "-" + pad(date.getDate());
  }

  function percent(value) { return value === null || value === undefined ? "—" : value + "%"; }

  document.addEventListener("DOMContentLoaded", () => {
    $("login-form").addEventListener("submit", login);
    $("logout").addEventListener("click", () => showLogin("已退出登录。"));
    $("announce-form").addEventListener("submit", guard(announce));
    $("announce-audience").addEventListener("change", () => {
      $("announce-building-label").hidden = $("announce-audience").value !== "Building";
    });
    const reload = guard(loadTickets);
    $("status-filter").addEventListener("change", () => { state.page = 1; reload(); });
    $("overdue-filter").addEventListener("change", () => { state.page = 1; reload(); });
    $("refresh").addEventListener("click", () => { reload(); guard(loadIncidents)(); });
    $("prev-page").addEventListener("click", () => { state.page = Math.max(1, state.page - 1); reload(); });
    $("next-page").addEventListener("click", () => { state.page += 1; reload(); });
    if (token()) guard(showApp)(); else showLogin();
  });
})();
