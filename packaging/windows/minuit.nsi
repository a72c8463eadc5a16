; Minuit's Windows installer (NSIS 3). scripts/package.sh builds it:
;   makensis -DVERSION=x.y.z -DVERSION4=x.y.z.b -DWEBSITE=URL -DEXE=minuit.exe -DICON=minuit.ico -DOUTFILE=setup.exe minuit.nsi
; Per-user: no administrator rights; the program goes to %LocalAppData%\Programs\Minuit,
; a Start-menu entry is added, and the uninstaller is registered under HKCU (Settings →
; Apps). Uninstalling keeps %AppData%\Minuit, where messages, contacts and settings live.
Target amd64-unicode ; minuit.exe is 64-bit, and so is the installer (no 32-bit wine needed to test it)
!include "MUI2.nsh"

!ifndef VERSION | VERSION4 | EXE | ICON | OUTFILE | WEBSITE
  !error "define VERSION, VERSION4, WEBSITE, EXE, ICON and OUTFILE (see the top of this file)"
!endif

!define UNINSTKEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\Minuit"
!define RUNKEY "Software\Microsoft\Windows\CurrentVersion\Run" ; where Minuit's "start at login" writes

Name "Minuit"
OutFile "${OUTFILE}"
RequestExecutionLevel user
InstallDir "$LOCALAPPDATA\Programs\Minuit"
InstallDirRegKey HKCU "${UNINSTKEY}" "InstallLocation"
SetCompressor /SOLID lzma
ManifestDPIAware true

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\minuit.exe"
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "French"
!insertmacro MUI_LANGUAGE "English"

LangString StillRunning ${LANG_FRENCH} "Minuit est encore ouvert. Quittez-le (icône de Minuit près de l’horloge → Quitter), puis réessayez."
LangString StillRunning ${LANG_ENGLISH} "Minuit is still running. Quit it (Minuit's icon by the clock → Quit), then try again."
LangString DataKept ${LANG_FRENCH} "Vos messages, contacts et réglages restent dans $APPDATA\Minuit."
LangString DataKept ${LANG_ENGLISH} "Your messages, contacts and settings stay in $APPDATA\Minuit."

VIProductVersion "${VERSION4}"
VIFileVersion "${VERSION4}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "ProductName" "Minuit"
VIAddVersionKey /LANG=${LANG_ENGLISH} "FileDescription" "Minuit setup"
VIAddVersionKey /LANG=${LANG_ENGLISH} "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "LegalCopyright" "Minuit"

Function .onInit
  SetShellVarContext current
FunctionEnd

Function un.onInit
  SetShellVarContext current
FunctionEnd

Section "Minuit"
  SetOutPath "$INSTDIR"
  ; A running Minuit (its background sender stays in the tray) holds minuit.exe:
  ; Windows lets a running program be renamed, so the new one takes its place and
  ; the old copy is removed at the next install.
  Delete "$INSTDIR\minuit.old.exe"
  IfFileExists "$INSTDIR\minuit.exe" 0 +2
    Rename "$INSTDIR\minuit.exe" "$INSTDIR\minuit.old.exe"
  File "/oname=minuit.exe" "${EXE}"
  Delete "$INSTDIR\minuit.old.exe"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  CreateShortCut "$SMPROGRAMS\Minuit.lnk" "$INSTDIR\minuit.exe" "" "$INSTDIR\minuit.exe" 0

  WriteRegStr HKCU "${UNINSTKEY}" "DisplayName" "Minuit"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTKEY}" "Publisher" "Minuit"
  WriteRegStr HKCU "${UNINSTKEY}" "URLInfoAbout" "${WEBSITE}"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayIcon" "$\"$INSTDIR\minuit.exe$\",0"
  WriteRegStr HKCU "${UNINSTKEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTKEY}" "UninstallString" "$\"$INSTDIR\uninstall.exe$\""
  WriteRegStr HKCU "${UNINSTKEY}" "QuietUninstallString" "$\"$INSTDIR\uninstall.exe$\" /S"
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoRepair" 1
  SectionGetSize 0 $0
  WriteRegDWORD HKCU "${UNINSTKEY}" "EstimatedSize" $0
SectionEnd

Section "Uninstall"
  ClearErrors
  Delete "$INSTDIR\minuit.exe"
  IfErrors 0 removed
    MessageBox MB_OK|MB_ICONEXCLAMATION "$(StillRunning)" /SD IDOK
    SetErrorLevel 2
    Abort "$(StillRunning)"
  removed:
  Delete "$INSTDIR\minuit.old.exe"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\Minuit.lnk"
  DeleteRegKey HKCU "${UNINSTKEY}"
  DeleteRegValue HKCU "${RUNKEY}" "Minuit"
  ; %AppData%\Minuit is the user's data: never removed here.
  DetailPrint "$(DataKept)"
SectionEnd
