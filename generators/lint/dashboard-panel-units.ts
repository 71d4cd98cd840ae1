import { dataKinds } from '../grafana/conventions.ts';
import { dashboardRule } from '../grafana/lint.ts';

/** Grafana's unit ids (its value formats registry), besides the custom `suffix:`, `prefix:`, `si:`, `count:`, `currency:` and `time:` forms. */
const units = new Set(`
none string short percent percentunit humidity dB candela hex0x hex sci locale pixel
accMS2 accFS2 accG degree radian grad arcmin arcsec areaM2 areaF2 areaMI2 acres hectares
flops mflops gflops tflops pflops eflops zflops yflops ppm conppb conngm3 conngNm3 conμgm3 conμgNm3 conmgm3 conmgNm3 congm3 congNm3 conmgdL conmmolL
currencyUSD currencyGBP currencyEUR currencyJPY currencyRUB currencyUAH currencyBRL currencyDKK currencyISK currencyNOK currencySEK currencyCZK currencyCHF currencyPLN currencyBTC currencymBTC currencyμBTC currencyZAR currencyINR currencyKRW currencyIDR currencyPHP currencyVND
bytes decbytes bits decbits kbytes deckbytes mbytes decmbytes gbytes decgbytes tbytes dectbytes pbytes decpbytes
pps binBps Bps binbps bps KiBs Kibits KBs Kbits MiBs Mibits MBs Mbits GiBs Gibits GBs Gbits TiBs Tibits TBs Tbits PiBs Pibits PBs Pbits
dateTimeAsIso dateTimeAsIsoNoDateIfToday dateTimeAsUS dateTimeAsUSNoDateIfToday dateTimeAsLocal dateTimeAsLocalNoDateIfToday dateTimeAsSystem dateTimeFromNow
watt kwatt megwatt gwatt mwatt Wm2 voltamp kvoltamp voltampreact kvoltampreact watth watthperkg kwatth kwattm mwatth amph joule ev amp kamp mamp volt kvolt mvolt dBm mohm ohm kohm Mohm farad µfarad nfarad pfarad ffarad henry mhenry µhenry lumens
flowgpm flowcms flowcfs flowcfm litreh flowlpm flowmlpm lux forceNm forcekNm forceN forcekN Hs KHs MHs GHs THs PHs EHs
massmg massg masslb masskg masst lengthmm lengthin lengthft lengthm lengthkm lengthmi
pressurembar pressurebar pressurekbar pressurepa pressurehpa pressurekpa pressurehg pressurepsi
radbq radci radgy radrad radsv radmsv radusv radrem radexpckg radr radsvh radmsvh radusvh
rotrpm rothz rotkhz rotmhz rotghz rotrads rotdegs celsius fahrenheit kelvin
hertz ns µs ms s m h d dtdurationms dtdurations dthms dtdhms timeticks clockms clocks
cps ops reqps rps wps iops eps mps recps rowsps cpm opm reqpm rpm wpm iopm epm mpm recpm rowspm
velocityms velocitykmh velocitymph velocityknot mlitre litre m3 Nm3 dm3 gallons bool bool_yes_no bool_on_off
`.split(/\s+/).filter(Boolean));
const custom = /^(?:suffix|prefix|si|count|currency|time):/;

/** dashboard-linter panel-units-rule: a number without a unit is a guess. Panels with value mappings are exempt. */
export const dashboardPanelUnits = dashboardRule(
  'dashboard/panel-units',
  'warning',
  'a data panel without a unit, or with one Grafana does not know (value mappings exempt)',
  (dashboard) =>
    dashboard.panels
      .filter((p) => dataKinds.has(p.json.type as never))
      .flatMap((p) => {
        const defaults = (p.json.fieldConfig as { defaults?: { unit?: string; mappings?: unknown[] } } | undefined)?.defaults ?? {};
        if ((defaults.mappings ?? []).length > 0) return [];
        if (defaults.unit === undefined) return [{ field: p.field, message: `panel "${String(p.json.title)}" has no unit` }];
        return units.has(defaults.unit) || custom.test(defaults.unit)
          ? []
          : [{ field: [...p.field, 'unit'], message: `panel "${String(p.json.title)}" has unit ${JSON.stringify(defaults.unit)}, which Grafana does not know` }];
      }),
);
