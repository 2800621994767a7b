/**
 * The one PowerShell script the Windows adapter runs (Windows PowerShell 5.1, the powershell.exe
 * every supported Windows Server ships). A TS constant rather than a shipped .ps1: the adapter
 * reads no file of its own at run time (the bundle stays one tree of modules), and the text the
 * tests assert is the text that runs. It is passed as `-EncodedCommand` (argv.ts) and never
 * changes: what it works on (mode, update ids) arrives as one JSON document on stdin and is
 * validated here again (GUIDs parsed, revisions cast to int) before it reaches a WUA criteria
 * string. Output: one JSON document on stdout; on failure `{"error": {…}}` and exit 1.
 *
 * The Windows Update Agent API it drives (Microsoft's documentation of wuapi.h):
 *   Microsoft.Update.Session → CreateUpdateSearcher().Search(criteria) → IUpdate (Identity,
 *   Title, KBArticleIDs, SecurityBulletinIDs, MsrcSeverity, Categories, LastDeploymentChangeTime,
 *   InstallationBehavior.RebootBehavior, RebootRequired, IsInstalled); CreateUpdateDownloader,
 *   CreateUpdateInstaller().Install() → IInstallationResult.GetUpdateResult(i) → ResultCode,
 *   HResult; Microsoft.Update.SystemInfo.RebootRequired. The searcher's default ServerSelection
 *   follows Group Policy (a configured WSUS server is asked instead of Microsoft Update).
 *
 * Keep it short: -EncodedCommand is UTF-16 base64, and a Windows command line holds 32,767
 * characters (test/managers/windows/argv.test.ts checks the encoded length).
 */
export const WINDOWS_SCRIPT = String.raw`$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
function Out-Json($value) { [Console]::Out.Write((ConvertTo-Json -InputObject $value -Depth 8 -Compress)) }
function New-Session {
  $s = New-Object -ComObject Microsoft.Update.Session
  $s.ClientApplicationID = 'patchplan'
  $s
}
function Get-Date8601($d) {
  if ($null -eq $d) { return $null }
  $d.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", [Globalization.CultureInfo]::InvariantCulture)
}
function Convert-Update($u) {
  $classes = @(); $products = @()
  foreach ($c in $u.Categories) {
    if ($c.Type -eq 'UpdateClassification') { $classes += [ordered]@{ id = [string]$c.CategoryID; name = [string]$c.Name } }
    elseif ($c.Type -eq 'Product') {
      $family = $null
      if ($null -ne $c.Parent -and $c.Parent.Type -eq 'ProductFamily') { $family = [string]$c.Parent.Name }
      $products += [ordered]@{ id = [string]$c.CategoryID; name = [string]$c.Name; family = $family }
    }
  }
  [ordered]@{
    updateId = [string]$u.Identity.UpdateID
    revision = [int]$u.Identity.RevisionNumber
    title = [string]$u.Title
    kbArticleIds = @($u.KBArticleIDs | ForEach-Object { [string]$_ })
    securityBulletinIds = @($u.SecurityBulletinIDs | ForEach-Object { [string]$_ })
    msrcSeverity = [string]$u.MsrcSeverity
    classifications = $classes
    products = $products
    lastDeploymentChangeTime = Get-Date8601 $u.LastDeploymentChangeTime
    rebootBehavior = [int]$u.InstallationBehavior.RebootBehavior
    rebootRequired = [bool]$u.RebootRequired
    isInstalled = [bool]$u.IsInstalled
  }
}
function Get-Wsus {
  $key = 'HKLM:\SOFTWARE\Policies\Microsoft\Windows\WindowsUpdate'
  $server = (Get-ItemProperty -Path $key -Name WUServer -ErrorAction SilentlyContinue).WUServer
  $use = (Get-ItemProperty -Path "$key\AU" -Name UseWUServer -ErrorAction SilentlyContinue).UseWUServer
  [ordered]@{ server = $server; useWUServer = ($use -eq 1) }
}
try {
  # Inside try: titles are localized, and a console that refuses UTF-8 is an error, not mangled text.
  [Console]::OutputEncoding = [Text.UTF8Encoding]::new($false)
  $request = ($input | Out-String) | ConvertFrom-Json
  switch ([string]$request.mode) {
    'identify' {
      $os = Get-CimInstance -ClassName Win32_OperatingSystem
      $guid = (Get-ItemProperty -Path 'HKLM:\SOFTWARE\Microsoft\Cryptography' -Name MachineGuid).MachineGuid
      Out-Json ([ordered]@{ caption = [string]$os.Caption; version = [string]$os.Version; buildNumber = [string]$os.BuildNumber; productType = [int]$os.ProductType; machineGuid = [string]$guid })
    }
    'scan' {
      $result = (New-Session).CreateUpdateSearcher().Search('IsInstalled=0 and IsHidden=0 or IsInstalled=1')
      $updates = @(foreach ($u in $result.Updates) { Convert-Update $u })
      $system = New-Object -ComObject Microsoft.Update.SystemInfo
      Out-Json ([ordered]@{ updates = $updates; rebootRequired = [bool]$system.RebootRequired; wsus = (Get-Wsus) })
    }
    'install' {
      $wanted = @(foreach ($w in @($request.updates)) { [ordered]@{ updateId = ([guid]::Parse([string]$w.updateId)).ToString(); revision = [int]$w.revision } })
      if ($wanted.Count -eq 0) { throw 'no updates to install' }
      $session = New-Session
      $criteria = ($wanted | ForEach-Object { "UpdateID='$($_.updateId)' and RevisionNumber=$($_.revision)" }) -join ' or '
      $found = $session.CreateUpdateSearcher().Search($criteria).Updates
      $coll = New-Object -ComObject Microsoft.Update.UpdateColl
      $results = @()
      foreach ($u in $found) {
        if ($u.IsInstalled) { $results += [ordered]@{ updateId = [string]$u.Identity.UpdateID; revision = [int]$u.Identity.RevisionNumber; outcome = 'alreadyInstalled'; resultCode = $null; hResult = $null }; continue }
        if (-not $u.EulaAccepted) { $u.AcceptEula() }
        [void]$coll.Add($u)
      }
      $reboot = $false
      if ($coll.Count -gt 0) {
        $downloader = $session.CreateUpdateDownloader(); $downloader.Updates = $coll; [void]$downloader.Download()
        $installer = $session.CreateUpdateInstaller(); $installer.Updates = $coll; $installer.AllowSourcePrompts = $false
        $outcome = $installer.Install()
        $reboot = [bool]$outcome.RebootRequired
        for ($i = 0; $i -lt $coll.Count; $i++) {
          $r = $outcome.GetUpdateResult($i); $u = $coll.Item($i)
          $results += [ordered]@{ updateId = [string]$u.Identity.UpdateID; revision = [int]$u.Identity.RevisionNumber; outcome = 'attempted'; resultCode = [int]$r.ResultCode; hResult = [int]$r.HResult }
        }
      }
      Out-Json ([ordered]@{ results = $results; rebootRequired = $reboot })
    }
    'rebootRequired' {
      Out-Json ([ordered]@{ rebootRequired = [bool](New-Object -ComObject Microsoft.Update.SystemInfo).RebootRequired })
    }
    default { throw "unknown mode '$($request.mode)'" }
  }
} catch {
  Out-Json ([ordered]@{ error = [ordered]@{ message = [string]$_.Exception.Message; hResult = [int]$_.Exception.HResult } })
  exit 1
}
`;
