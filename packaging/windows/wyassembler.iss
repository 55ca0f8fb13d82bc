; Inno Setup script (Inno Setup 6.3 or newer): the Windows installer for wyassembler.
;
; Build the one-folder app first, then the installer, from the checkout on Windows:
;     pyinstaller --noconfirm --clean packaging\wyassembler.spec
;     iscc packaging\windows\wyassembler.iss
; which writes dist\installer\wyassembler-VERSION-setup.exe. (/DDistDir=... and /DAppVersion=... override
; where the build is and its version; by default the version is read from the built wyassembler.exe, whose
; version comes from wyassembler/__init__.py through the spec.)
;
; What it does:
;   - installs for the current user, without administrator rights, in %LOCALAPPDATA%\Programs\wyassembler
;     (an administrator can choose "install for all users" in the first dialog, or run it with /ALLUSERS;
;     managed deployment: wyassembler-VERSION-setup.exe /VERYSILENT /ALLUSERS /NORESTART);
;   - adds a Start-menu entry (and, if chosen, a desktop shortcut) starting wyassembler-gui.exe, which has
;     no console window;
;   - registers .wyproj files (ProgID wyassembler.Project, the document icon) so that double-clicking one
;     runs  wyassembler-gui.exe "PROJECT.wyproj";
;   - optionally puts the install folder on PATH, for the command line (wyassembler.exe);
;   - uninstalls all of that from Settings > Apps. The user's settings, recovery files and logs (in
;     %LOCALAPPDATA%\wyassembler) are left alone.

#define AppName "wyassembler"
#define AppExe "wyassembler-gui.exe"
#define CliExe "wyassembler.exe"
#define ProgId "wyassembler.Project"

#ifndef DistDir
  #define DistDir AddBackslash(SourcePath) + "..\..\dist\wyassembler"
#endif
#if !FileExists(DistDir + "\" + AppExe)
  #error The one-folder build is missing: run  pyinstaller --noconfirm --clean packaging\wyassembler.spec  first (or pass /DDistDir=FOLDER)
#endif
#ifndef AppVersion
  #define AppVersion GetStringFileInfo(DistDir + "\" + CliExe, "ProductVersion")
#endif
#if AppVersion == ""
  #error Could not read the version from wyassembler.exe; pass /DAppVersion=X.Y.Z
#endif
#define AppVersionNumbers GetVersionNumbersString(DistDir + "\" + CliExe)

[Setup]
; AppId identifies the installation for upgrades and uninstall: never change it.
AppId={{5B0F8E64-3C1A-4D2B-9E7F-2A6C8D4B1E93}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=wyassembler developers
AppComments=Assemble one joint consultation response from many partner bodies, with sign-off and Word export.
VersionInfoVersion={#AppVersionNumbers}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; Per-user by default, no UAC prompt; all users (Program Files, HKLM) if the installer is elevated.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog commandline
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Qt 6 needs Windows 10 or later.
MinVersion=10.0
ChangesAssociations=yes
ChangesEnvironment=yes
; Close a running wyassembler (Restart Manager) before replacing its files.
CloseApplications=yes
RestartApplications=no
SetupIconFile={#DistDir}\_internal\wyassembler.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
; Relative to this script's folder: the checkout's dist\installer.
OutputDir=..\..\dist\installer
OutputBaseFilename=wyassembler-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "associate"; Description: "Open .wyproj project files with wyassembler"; GroupDescription: "File types:"
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "addtopath"; Description: "Add wyassembler to PATH, for the command line"; GroupDescription: "Command line:"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the whole library folder, so no file of an older Qt or Python is left behind.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#DistDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "Assemble and sign off a joint consultation response"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; HKA is HKEY_CURRENT_USER for a per-user install and HKEY_LOCAL_MACHINE for an all-users one.
; The file type: .wyproj -> wyassembler.Project, shown with the document icon, opened by wyassembler-gui.exe.
Root: HKA; Subkey: "Software\Classes\.wyproj"; ValueType: string; ValueName: ""; ValueData: "{#ProgId}"; Flags: uninsdeletevalue; Tasks: associate
Root: HKA; Subkey: "Software\Classes\.wyproj"; ValueType: string; ValueName: "Content Type"; ValueData: "application/x-wyassembler-project"; Flags: uninsdeletevalue; Tasks: associate
Root: HKA; Subkey: "Software\Classes\.wyproj\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "wyassembler project"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\_internal\wyassembler-project.ico"
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
; "Open with" lists the app by name, for .wyproj files.
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "{#AppName}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".wyproj"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[Code]
{ PATH for the command line: the user's PATH for a per-user install, the system's for an all-users one. }

function EnvRoot: Integer;
begin
  if IsAdminInstallMode then
    Result := HKEY_LOCAL_MACHINE
  else
    Result := HKEY_CURRENT_USER;
end;

function EnvKey: String;
begin
  if IsAdminInstallMode then
    Result := 'SYSTEM\CurrentControlSet\Control\Session Manager\Environment'
  else
    Result := 'Environment';
end;

procedure AddToPath(Dir: String);
var
  Paths: String;
begin
  if not RegQueryStringValue(EnvRoot, EnvKey, 'Path', Paths) then
    Paths := '';
  if Pos(';' + Uppercase(Dir) + ';', ';' + Uppercase(Paths) + ';') > 0 then
    exit;
  if (Paths <> '') and (Paths[Length(Paths)] <> ';') then
    Paths := Paths + ';';
  RegWriteExpandStringValue(EnvRoot, EnvKey, 'Path', Paths + Dir);
end;

procedure RemoveFromPath(Dir: String);
var
  Paths: String;
  P: Integer;
begin
  if not RegQueryStringValue(EnvRoot, EnvKey, 'Path', Paths) then
    exit;
  Paths := ';' + Paths + ';';
  P := Pos(';' + Uppercase(Dir) + ';', Uppercase(Paths));
  if P = 0 then
    exit;
  Delete(Paths, P, Length(Dir) + 1);
  RegWriteExpandStringValue(EnvRoot, EnvKey, 'Path', Copy(Paths, 2, Length(Paths) - 2));
end;

procedure CurStepChanged(CurStep: TSetupStep);
begin
  if (CurStep = ssPostInstall) and WizardIsTaskSelected('addtopath') then
    AddToPath(ExpandConstant('{app}'));
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if CurUninstallStep = usPostUninstall then
    RemoveFromPath(ExpandConstant('{app}'));
end;
