#!/bin/sh
# Install (or remove) wyassembler's Linux desktop integration for the current user, in
# ${XDG_DATA_HOME:-~/.local/share}: the menu entry, the application/x-wyassembler-project file type for
# *.wyproj, the app and document icons, and wyassembler as the default app for .wyproj files.
#
#   packaging/linux/install-desktop-files.sh                      # wyassembler is on PATH (pip install, or below)
#   packaging/linux/install-desktop-files.sh --bundle dist/wyassembler
#                                                                 # also link ~/.local/bin/wyassembler to the
#                                                                 # PyInstaller one-folder build
#   packaging/linux/install-desktop-files.sh --uninstall
#
# Uses xdg-utils (xdg-mime, xdg-desktop-menu) when installed, and otherwise copies the files and runs
# update-mime-database / update-desktop-database itself. No root needed; nothing outside the user's folders
# is touched.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
data_home=${XDG_DATA_HOME:-$HOME/.local/share}
bin_home=$HOME/.local/bin
mime_type=application/x-wyassembler-project
mime_icon=application-x-wyassembler-project
desktop_id=wyassembler.desktop

bundle=""
uninstall=0
while [ $# -gt 0 ]; do
    case "$1" in
        --bundle) [ $# -ge 2 ] || { echo "$0: --bundle needs the one-folder build's folder" >&2; exit 2; }
                  bundle=$2; shift 2 ;;
        --uninstall) uninstall=1; shift ;;
        -h|--help) sed -n '2,15s/^# \{0,1\}//p' "$0"; exit 0 ;;
        *) echo "$0: unknown argument: $1 (see --help)" >&2; exit 2 ;;
    esac
done

have() { command -v "$1" >/dev/null 2>&1; }

# The icons live in the package's resources; the desktop and MIME files beside this script.
app_svg=$root/resources/icons/wyassembler.svg
doc_svg=$root/resources/icons/wyassembler-project.svg
if [ -n "$bundle" ] && [ ! -d "$bundle" ]; then
    echo "$0: $bundle is not a folder (give the one-folder build, e.g. dist/wyassembler)" >&2
    exit 1
fi
if [ -n "$bundle" ]; then
    for candidate in "$bundle/_internal/wyassembler/resources/icons" "$bundle/wyassembler/resources/icons"; do
        if [ -f "$candidate/wyassembler.svg" ]; then
            app_svg=$candidate/wyassembler.svg
            doc_svg=$candidate/wyassembler-project.svg
        fi
    done
fi

refresh() {
    if have update-mime-database; then update-mime-database "$data_home/mime" >/dev/null; fi
    if have update-desktop-database; then update-desktop-database -q "$data_home/applications" 2>/dev/null || true; fi
    if have gtk-update-icon-cache && [ -f "$data_home/icons/hicolor/index.theme" ]; then
        gtk-update-icon-cache -q -t "$data_home/icons/hicolor" 2>/dev/null || true
    fi
    touch "$data_home/icons/hicolor" 2>/dev/null || true  # file managers watch the folder's time
}

if [ "$uninstall" -eq 1 ]; then
    if have xdg-desktop-menu; then xdg-desktop-menu uninstall --mode user "$desktop_id" 2>/dev/null || true; fi
    if have xdg-mime; then xdg-mime uninstall --mode user "$here/wyassembler-mime.xml" 2>/dev/null || true; fi
    rm -f "$data_home/applications/$desktop_id" \
          "$data_home/mime/packages/wyassembler-mime.xml" \
          "$data_home/icons/hicolor/scalable/apps/wyassembler.svg" \
          "$data_home/icons/hicolor/scalable/mimetypes/$mime_icon.svg"
    # The link made by --bundle (a link into a one-folder build; not, say, pipx's link to its venv).
    if [ -L "$bin_home/wyassembler" ] && [ -d "$(dirname "$(readlink "$bin_home/wyassembler")")/_internal" ]; then
        rm -f "$bin_home/wyassembler"
    fi
    # Forget wyassembler as the default for .wyproj (a line in the user's mimeapps.list).
    config_home=${XDG_CONFIG_HOME:-$HOME/.config}
    for list in "$config_home/mimeapps.list" "$data_home/applications/mimeapps.list"; do
        if [ -f "$list" ]; then sed -i "\|^$mime_type=$desktop_id;\{0,1\}\$|d" "$list"; fi
    done
    mkdir -p "$data_home/mime/packages" "$data_home/applications"
    refresh
    echo "Removed wyassembler's desktop integration from $data_home."
    exit 0
fi

for file in "$here/wyassembler.desktop" "$here/wyassembler-mime.xml" "$app_svg" "$doc_svg"; do
    [ -f "$file" ] || { echo "$0: missing $file" >&2; exit 1; }
done

# The command the menu entry and the file association run (Exec=wyassembler %f).
if [ -n "$bundle" ]; then
    program=$(cd "$bundle" && pwd)/wyassembler
    [ -x "$program" ] || { echo "$0: $program is not a wyassembler build (build it with packaging/wyassembler.spec)" >&2; exit 1; }
    mkdir -p "$bin_home"
    ln -sfn "$program" "$bin_home/wyassembler"
    echo "Linked $bin_home/wyassembler to $program."
fi
exec_line="wyassembler"
if ! have wyassembler; then
    if [ -x "$bin_home/wyassembler" ]; then
        exec_line=$bin_home/wyassembler  # not on this shell's PATH: name it in full so the desktop finds it
    else
        echo "$0: warning: no 'wyassembler' on PATH; install it (pip install, or --bundle) before opening a project" >&2
    fi
fi

# Icons: scalable SVGs in the user's hicolor theme.
install -D -m 644 "$app_svg" "$data_home/icons/hicolor/scalable/apps/wyassembler.svg"
install -D -m 644 "$doc_svg" "$data_home/icons/hicolor/scalable/mimetypes/$mime_icon.svg"

# The file type.
if have xdg-mime; then
    XDG_DATA_HOME=$data_home xdg-mime install --mode user "$here/wyassembler-mime.xml"
else
    install -D -m 644 "$here/wyassembler-mime.xml" "$data_home/mime/packages/wyassembler-mime.xml"
fi

# The menu entry (with Exec naming the program in full if it is not on PATH).
staged=$(mktemp -d)
trap 'rm -rf "$staged"' EXIT
sed -e "s|^Exec=wyassembler |Exec=$exec_line |" -e "s|^TryExec=wyassembler\$|TryExec=$exec_line|" \
    "$here/wyassembler.desktop" > "$staged/$desktop_id"
if have xdg-desktop-menu; then
    XDG_DATA_HOME=$data_home xdg-desktop-menu install --mode user --novendor "$staged/$desktop_id"
else
    install -D -m 644 "$staged/$desktop_id" "$data_home/applications/$desktop_id"
fi

refresh

# wyassembler opens .wyproj files by default.
if have xdg-mime; then
    XDG_DATA_HOME=$data_home xdg-mime default "$desktop_id" "$mime_type"
else
    config_home=${XDG_CONFIG_HOME:-$HOME/.config}
    mkdir -p "$config_home"
    list=$config_home/mimeapps.list
    [ -f "$list" ] || printf '[Default Applications]\n' > "$list"
    grep -q '^\[Default Applications\]' "$list" || printf '\n[Default Applications]\n' >> "$list"
    sed -i "\|^$mime_type=|d" "$list"
    sed -i "/^\[Default Applications\]/a $mime_type=$desktop_id" "$list"
fi

echo "Installed wyassembler's menu entry, icons and the .wyproj file type in $data_home."
