@echo off
rem Runs dwell from an unpacked release archive on Windows: needs only a Java 17 (or newer) runtime, found through
rem JAVA_HOME or on the PATH. DWELL_JAVA_OPTS replaces the JVM options (default -Xmx4g).
setlocal
set "DWELL_HOME=%~dp0.."
if defined JAVA_HOME (
  set "JAVA=%JAVA_HOME%\bin\java.exe"
) else (
  set "JAVA=java.exe"
  where java.exe >nul 2>nul || (echo dwell: no Java runtime: install Java 17 or newer, or set JAVA_HOME 1>&2 & exit /b 2)
)
if not defined DWELL_JAVA_OPTS set "DWELL_JAVA_OPTS=-Xmx4g"
rem the per-command JVM options of the ./dwell launcher at the repository root, measured there (bench/)
set "CMD_OPTS="
if /i "%~1 %~2"=="yara scan" set "CMD_OPTS=-XX:TieredStopAtLevel=1"
if /i "%~1 %~2"=="rules check" set "CMD_OPTS=-XX:TieredStopAtLevel=1"
if /i "%~1 %~2"=="evtx dump" set "CMD_OPTS=-XX:TieredStopAtLevel=1 -Xmn64m"
rem DuckDB's driver in lib\ has no native libraries: its jar as released (lib\native) follows, and the driver copies
rem this platform's library out of it on each run that opens a case (bin/dwell keeps it in the cache folder instead)
"%JAVA%" %CMD_OPTS% %DWELL_JAVA_OPTS% -cp "%DWELL_HOME%\lib\*;%DWELL_HOME%\lib\native\*" dwell.cli.Main %*
exit /b %ERRORLEVEL%
