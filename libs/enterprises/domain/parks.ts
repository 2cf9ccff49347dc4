/**
 * The districts this deployment serves (GB/T 2260 codes and names): an enterprise is registered in, or
 * moved to, one of them. Reference names of the industrial parks too, for reports and pages; an enterprise
 * may carry a park id not listed here, and is then shown by its id.
 */
export const DISTRICTS: Readonly<Record<string, string>> = {
  '520900': '贵安新区',
  '520102': '南明区',
  '520103': '云岩区',
  '520111': '花溪区',
  '520112': '乌当区',
  '520113': '白云区',
  '520115': '观山湖区',
  '520121': '开阳县',
  '520122': '息烽县',
  '520123': '修文县',
  '520181': '清镇市',
};

export const isKnownDistrict = (code: string): boolean => Object.hasOwn(DISTRICTS, code);

export const PARKS: readonly { districtCode: string; parkId: string; name: string }[] = [
  { districtCode: '520900', parkId: 'gaxq-dz', name: '贵安电子信息产业园' },
  { districtCode: '520900', parkId: 'gaxq-zb', name: '贵安高端装备产业园' },
  { districtCode: '520900', parkId: 'gaxq-bs', name: '贵安综合保税区' },
  { districtCode: '520900', parkId: 'gaxq-mc', name: '马场科技新城' },
  { districtCode: '520115', parkId: 'gsh-gy', name: '观山湖工业园' },
];

export const parkName = (parkId: string): string => PARKS.find((park) => park.parkId === parkId)?.name ?? parkId;
export const districtName = (code: string): string => DISTRICTS[code] ?? code;
