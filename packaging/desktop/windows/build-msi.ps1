# Builds the Windows installer (.msi) of the desktop app with jpackage. Runs on Windows only: it
# needs a JDK 17+ (jpackage) and the WiX Toolset 3 (candle.exe, light.exe) on the PATH.
#   mvn -B -DskipTests -pl desktop-app -am package
#   powershell -ExecutionPolicy Bypass -File packaging\desktop\windows\build-msi.ps1
$ErrorActionPreference = "Stop"
$Root = Resolve-Path "$PSScriptRoot\..\..\.."
$Target = "$Root\desktop-app\target"
$AppInput = "$Target\jpackage-input"
if (-not (Test-Path "$Target\axon-desktop.jar")) { throw "build first: mvn -B -DskipTests -pl desktop-app -am package" }
Remove-Item -Recurse -Force $AppInput -ErrorAction SilentlyContinue
New-Item -ItemType Directory -Force "$AppInput\lib" | Out-Null
Copy-Item "$Target\axon-desktop.jar" $AppInput
Copy-Item "$Target\lib\*.jar" "$AppInput\lib"
$Version = ([xml](Get-Content "$Root\pom.xml")).project.version -replace '-SNAPSHOT',''
jpackage --type msi `
  --name Axon `
  --app-version $Version `
  --vendor "Axon" `
  --description "Volunteer computing for machine learning" `
  --license-file "$Root\LICENSE" `
  --input $AppInput `
  --main-jar axon-desktop.jar `
  --main-class io.axon.desktop.DesktopMain `
  --java-options "-Xmx1g" `
  --icon "$Root\icons\axon.ico" `
  --win-menu --win-menu-group Axon --win-shortcut --win-dir-chooser `
  --win-upgrade-uuid 6f1f2f4e-2f0c-4b8e-9a55-8d1c1c6c0a11 `
  --dest "$Root\target\packages"
