// A run played back on the teacher's page: a top view of the table on a canvas, with play/pause,
// a position slider and a speed choice (keyboard: space plays or pauses, arrows move).
/* global window */
import { h, number, t } from "./common.js";

const SCALE = 4; // canvas pixels per centimetre

function rotated(ctx, x, y, angle, draw) {
  ctx.save();
  ctx.translate(x, y);
  ctx.rotate((-angle * Math.PI) / 180);
  draw();
  ctx.restore();
}

function drawTable(ctx, view) {
  const { width, depth } = view.table;
  ctx.fillStyle = "rgb(245, 245, 240)";
  ctx.fillRect(0, 0, width, depth);
  for (const m of view.markings) {
    ctx.fillStyle = m.color;
    ctx.strokeStyle = m.color;
    if (m.shape === "rect") {
      rotated(ctx, m.center.x, m.center.y, m.angle ?? 0, () =>
        ctx.fillRect(-m.size.width / 2, -m.size.depth / 2, m.size.width, m.size.depth),
      );
    } else if (m.shape === "circle") {
      ctx.beginPath();
      ctx.arc(m.center.x, m.center.y, m.radius, 0, 2 * Math.PI);
      ctx.fill();
    } else if (m.shape === "line" || m.shape === "polygon") {
      ctx.beginPath();
      m.points.forEach((p, n) => (n ? ctx.lineTo(p.x, p.y) : ctx.moveTo(p.x, p.y)));
      if (m.shape === "polygon") {
        ctx.closePath();
        ctx.fill();
      } else {
        ctx.lineWidth = m.width;
        ctx.stroke();
      }
    }
  }
  for (const box of [...view.bins, ...view.obstacles]) {
    rotated(ctx, box.x, box.y, box.angle, () => {
      ctx.fillStyle = box.color;
      ctx.globalAlpha = 0.35;
      ctx.fillRect(-box.width / 2, -box.depth / 2, box.width, box.depth);
      ctx.globalAlpha = 1;
      ctx.strokeStyle = box.color;
      ctx.lineWidth = 1.2;
      ctx.strokeRect(-box.width / 2, -box.depth / 2, box.width, box.depth);
    });
  }
}

function drawBodies(ctx, view, frame) {
  view.bodies.forEach((body, n) => {
    const pose = frame[n];
    if (!pose) return;
    const [x, y, heading] = pose;
    ctx.fillStyle = body.color;
    ctx.strokeStyle = "rgb(20, 20, 20)";
    ctx.lineWidth = 0.6;
    if (body.robot) {
      // A triangle pointing where the robot faces: its heading reads without colour.
      rotated(ctx, x, y, heading, () => {
        ctx.beginPath();
        ctx.moveTo(body.radius, 0);
        ctx.lineTo(-body.radius * 0.8, body.radius * 0.7);
        ctx.lineTo(-body.radius * 0.8, -body.radius * 0.7);
        ctx.closePath();
        ctx.fill();
        ctx.stroke();
      });
    } else {
      ctx.beginPath();
      ctx.arc(x, y, body.radius, 0, 2 * Math.PI);
      ctx.fill();
      ctx.stroke();
    }
  });
}

/** Shows `view` (what the server's `?view=top` gives) in `container`. */
export function showReplay(container, view) {
  const canvas = h("canvas", {
    width: view.table.width * SCALE,
    height: view.table.depth * SCALE,
    role: "img",
    "aria-label": t("replayCanvas"),
    class: "replay",
  });
  const ctx = canvas.getContext("2d");
  const last = view.frames.length - 1;
  const slider = h("input", {
    type: "range",
    min: 0,
    max: last,
    value: 0,
    "aria-label": t("replaySlider"),
  });
  const play = h("button", { type: "button" }, t("play"));
  const speed = h(
    "select",
    { "aria-label": t("speed") },
    ...[1, 2, 4, 8].map((s) => h("option", { value: s, selected: s === 2 }, `× ${s}`)),
  );
  const time = h("p", { class: "replay-time", "aria-live": "off" });
  let frame = 0;
  let timer;

  const draw = () => {
    ctx.setTransform(SCALE, 0, 0, -SCALE, 0, canvas.height); // y north, as in the arena
    drawTable(ctx, view);
    drawBodies(ctx, view, view.frames[frame]);
    slider.value = String(frame);
    time.textContent = t("replayTime", {
      time: number(frame * view.step),
      total: number(view.simTime),
    });
  };
  const stop = () => {
    window.clearInterval(timer);
    timer = undefined;
    play.textContent = t("play");
  };
  const start = () => {
    if (frame >= last) frame = 0;
    play.textContent = t("pause");
    timer = window.setInterval(
      () => {
        frame = Math.min(last, frame + 1);
        draw();
        if (frame >= last) stop();
      },
      (view.step * 1000) / Number(speed.value),
    );
  };
  play.addEventListener("click", () => (timer ? stop() : start()));
  speed.addEventListener("change", () => {
    if (timer) {
      stop();
      start();
    }
  });
  slider.addEventListener("input", () => {
    frame = Number(slider.value);
    draw();
  });
  canvas.tabIndex = 0;
  canvas.addEventListener("keydown", (event) => {
    if (event.key === " ") {
      event.preventDefault();
      if (timer) stop();
      else start();
    } else if (event.key === "ArrowRight" || event.key === "ArrowLeft") {
      frame = Math.max(0, Math.min(last, frame + (event.key === "ArrowRight" ? 10 : -10)));
      draw();
    }
  });
  container.append(canvas, h("div", { class: "replay-controls" }, play, slider, speed), time);
  draw();
  return stop;
}
