/** Shared by the dnf/yum and zypper adapters: the rpm database, rpm versions, updateinfo.xml. */
export {formatNevra, formatRpmVersion, validateRpmItem} from './version.js';
export {newestInstalled, parseRpmQuery, rpmEnv, rpmQueryArgv, RPM_QUERY_FORMAT, type InstalledRpm} from './rpm-query.js';
export {parseUpdateinfo, parseUpdateinfoDate, type UpdateinfoPackage, type UpdateNotice} from './updateinfo.js';
