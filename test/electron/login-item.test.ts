import { describe, expect, it } from "vitest";
import { autostartEntry, autostartFile, HIDDEN_ARG, loginCommand, loginItemSettings, startsHidden } from "../../electron/login-item.js";

describe("the login item", () => {
  it("starts the packaged app hidden, and an unpackaged one with its folder", () => {
    expect(loginCommand({ execPath: "C:\\Program Files\\Warden\\Warden.exe", appPath: "C:\\x\\resources\\app.asar", packaged: true })).toEqual({
      path: "C:\\Program Files\\Warden\\Warden.exe",
      args: [HIDDEN_ARG],
    });
    expect(loginCommand({ execPath: "/repo/node_modules/electron/dist/electron", appPath: "/repo", packaged: false })).toEqual({
      path: "/repo/node_modules/electron/dist/electron",
      args: ["/repo", HIDDEN_ARG],
    });
    // The executable inside an AppImage lives in a mount that is gone at the next login.
    expect(loginCommand({ execPath: "/tmp/.mount_Warden123/warden", appPath: "/tmp/.mount_Warden123/resources/app.asar", packaged: true, appImage: "/home/a/Warden.AppImage" }).path).toBe(
      "/home/a/Warden.AppImage",
    );
  });

  it("is registered when on and removed when off, always with the same command (Windows compares it)", () => {
    const command = { path: "/opt/Warden/warden", args: [HIDDEN_ARG] };
    expect(loginItemSettings(true, command)).toEqual({ openAtLogin: true, path: "/opt/Warden/warden", args: [HIDDEN_ARG] });
    expect(loginItemSettings(false, command)).toEqual({ openAtLogin: false, path: "/opt/Warden/warden", args: [HIDDEN_ARG] });
  });

  it("makes a launch at login start in the tray, and no other launch", () => {
    expect(startsHidden(["/opt/Warden/warden", HIDDEN_ARG], "win32", false)).toBe(true);
    expect(startsHidden(["/opt/Warden/warden", HIDDEN_ARG], "linux", false)).toBe(true);
    expect(startsHidden(["/Applications/Warden.app/Contents/MacOS/Warden"], "darwin", true)).toBe(true);
    expect(startsHidden(["/opt/Warden/warden"], "linux", false)).toBe(false);
    expect(startsHidden(["/opt/Warden/warden", "--hidden-thing"], "win32", false)).toBe(false);
    // Only macOS reports a launch at login; elsewhere the flag is meaningless.
    expect(startsHidden(["/opt/Warden/warden"], "linux", true)).toBe(false);
  });
});

describe("the Linux autostart entry", () => {
  it("lives in the XDG config folder", () => {
    expect(autostartFile({}, "/home/alice")).toBe("/home/alice/.config/autostart/warden.desktop");
    expect(autostartFile({ XDG_CONFIG_HOME: "/home/alice/.cfg" }, "/home/alice")).toBe("/home/alice/.cfg/autostart/warden.desktop");
    // The spec ignores a relative XDG_CONFIG_HOME.
    expect(autostartFile({ XDG_CONFIG_HOME: "cfg" }, "/home/alice")).toBe("/home/alice/.config/autostart/warden.desktop");
  });

  it("runs the command with every argument quoted as the Desktop Entry spec asks", () => {
    const entry = autostartEntry({ path: "/home/a/My Apps/Warden.AppImage", args: ['/x/100% "real"$`\\', HIDDEN_ARG] });
    const lines = entry.split("\n");
    expect(lines[0]).toBe("[Desktop Entry]");
    expect(lines).toContain("Type=Application");
    expect(lines).toContain("Name=Warden");
    expect(lines).toContain('Exec="/home/a/My Apps/Warden.AppImage" "/x/100%% \\"real\\"\\$\\`\\\\" "--hidden"');
    expect(entry.endsWith("\n")).toBe(true);
  });
});
