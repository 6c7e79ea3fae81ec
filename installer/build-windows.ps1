<#
Builds the Windows app-image and .msi of DCGAN Explorer, on Windows: jar + runtime jars -> jdeps -> jlink ->
jpackage. UNTESTED: written on Linux, where jpackage cannot build for Windows and there is no PowerShell; the
steps are those of installer/build-linux.sh (installer/common.sh), which are tested there.

  powershell -ExecutionPolicy Bypass -File installer\build-windows.ps1            # mvn, jdeps, jlink, jpackage
  powershell -ExecutionPolicy Bypass -File installer\build-windows.ps1 -SkipMaven # target\libs already filled
  powershell -ExecutionPolicy Bypass -File installer\build-windows.ps1 -NoMsi     # app-image only

Output: target\installer\DCGAN Explorer\ (app-image: DCGAN Explorer.exe, nothing to install) and
target\installer\DCGAN Explorer-<version>.msi.
Needs a full JDK 17+ (JAVA_HOME, else javac on PATH), Maven on PATH, and for the .msi WiX Toolset 3.x
(candle.exe, light.exe) on PATH.
Natives: windows-x86_64 with oneDNN (nd4j-native's -onednn-avx2 build). -Djavacpp.platform=windows-x86_64 on
Maven's command line wins over .mvn/maven.config's linux-x86_64 and switches on the pom's
natives-windows-x86_64 profile.
#>
param([switch]$SkipMaven, [switch]$NoMsi)
$ErrorActionPreference = 'Stop'
$root = Split-Path -Parent $PSScriptRoot
Set-Location $root
$start = Get-Date

function Stamp([string]$what) {
    Write-Host ("[{0} s] {1}" -f [int]((Get-Date) - $start).TotalSeconds, $what)
}

function Invoke-Tool([string]$exe, [string[]]$arguments) {
    & $exe @arguments
    if ($LASTEXITCODE -ne 0) { throw "$exe failed with exit code $LASTEXITCODE" }
}

$javaHome = $env:JAVA_HOME
if (-not $javaHome) { $javaHome = Split-Path -Parent (Split-Path -Parent (Get-Command javac).Source) }
foreach ($tool in 'jdeps', 'jlink', 'jpackage') {
    if (-not (Test-Path (Join-Path $javaHome "bin\$tool.exe"))) {
        throw "$javaHome\bin\$tool.exe missing (need a full JDK 17+)"
    }
}
$pomVersion = ([xml](Get-Content pom.xml)).project.version
$appVersion = $pomVersion -replace '-SNAPSHOT$', ''       # jpackage wants numbers only
$mainJar = "dcgan-explorer-$pomVersion.jar"
$platform = 'windows-x86_64'
$libs = 'target\libs'

if (-not $SkipMaven) {
    if (Test-Path $libs) { Remove-Item -Recurse -Force $libs }
    Stamp "mvn package + copy-dependencies for $platform (runtime scope, tests skipped)"
    Invoke-Tool 'mvn' @('-B', '-q', "-Djavacpp.platform=$platform", '-DskipTests', 'package',
        'dependency:copy-dependencies', '-DincludeScope=runtime', '-DoutputDirectory=target/libs')
}

# The app jar and the shipped models go in the input folder, which jpackage puts in app\ ($APPDIR).
if (-not (Test-Path "target\$mainJar")) { throw "target\$mainJar missing" }
Copy-Item "target\$mainJar" $libs
if (Test-Path "$libs\models") { Remove-Item -Recurse -Force "$libs\models" }
Copy-Item -Recurse models "$libs\models"

# Only this system's natives, and none that never load (the rules and reasons: installer/common.sh).
Stamp "trim natives to $platform"
$variants = @(Get-ChildItem $libs -Filter "nd4j-native-*-$platform-*.jar" | Where-Object { $_.Name -match '^nd4j-native-[0-9]' })
if ($variants.Count -gt 1) { throw "several nd4j-native variants in $libs; keep one" }
foreach ($jar in Get-ChildItem $libs -Filter *.jar) {
    $name = $jar.Name
    $reason = $null
    if ($name -match '-(android|ios|linux|macosx|windows)-(x86_64|x86|arm64|armhf|arm|ppc64le)(-[a-z0-9-]+)?\.jar$') {
        if ("$($Matches[1])-$($Matches[2])" -ne $platform) { $reason = 'other platform' }
        elseif ($name -like "mkl-*-$platform.jar") { $reason = 'MKL glue, never loaded' }
        elseif ($variants.Count -eq 1 -and $name -match "^nd4j-native-[0-9].*-$platform\.jar$") {
            $reason = 'plain build; the variant jar is used'
        }
    }
    elseif ($name -match '^javafx-[a-z]+-[0-9.]+-([a-z0-9-]+)\.jar$' -and $Matches[1] -ne 'win') {
        $reason = 'other platform'
    }
    if ($reason) {
        Remove-Item $jar.FullName
        Write-Host "   dropped $name ($reason)"
    }
}

Stamp 'jdeps --print-module-deps'
$modules = & (Join-Path $javaHome 'bin\jdeps.exe') -q --multi-release 17 --ignore-missing-deps --print-module-deps `
    --class-path "$libs\*" "$libs\$mainJar" | Select-Object -Last 1
if ($LASTEXITCODE -ne 0 -or -not $modules) {
    Write-Warning 'jdeps failed; using java.se,jdk.unsupported,jdk.management,jdk.zipfs'
    $modules = 'java.se,jdk.unsupported,jdk.management,jdk.zipfs'
}
else {
    # jdeps cannot see reflective and ServiceLoader use (JavaFX, JavaCPP, zip file systems): add them.
    $modules = "$modules,jdk.unsupported,jdk.management,jdk.zipfs,java.naming,jdk.crypto.ec"
}
$modules = (($modules -split ',') | Sort-Object -Unique) -join ','
Stamp "jlink --add-modules $modules"
if (Test-Path target\jlink) { Remove-Item -Recurse -Force target\jlink }
Invoke-Tool (Join-Path $javaHome 'bin\jlink.exe') @('--add-modules', $modules, '--strip-debug', '--no-header-files',
    '--no-man-pages', '--compress=2', '--output', 'target\jlink\runtime')

$image = 'target\installer\DCGAN Explorer'
Stamp "jpackage app-image $appVersion"
if (Test-Path $image) { Remove-Item -Recurse -Force $image }
$jpackage = Join-Path $javaHome 'bin\jpackage.exe'
Invoke-Tool $jpackage @('@installer/common.args', '@installer/launcher.args', '@installer/windows/jpackage.args',
    '--type', 'app-image', '--app-version', $appVersion, '--input', $libs, '--main-jar', $mainJar,
    '--runtime-image', 'target\jlink\runtime', '--dest', 'target\installer')

if (-not $NoMsi) {
    Stamp 'jpackage msi'
    Get-ChildItem target\installer -Filter *.msi | Remove-Item
    Invoke-Tool $jpackage @('@installer/common.args', '@installer/windows/msi.args', '--type', 'msi',
        '--app-version', $appVersion, '--app-image', $image, '--dest', 'target\installer')
}

Stamp 'done'
Get-ChildItem target\installer
