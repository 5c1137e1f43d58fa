// ---- host side (firmware-bridge/host): port discovery, BoardRobot ----
export * from "./host/ports.ts";
// ---- end host side ----
