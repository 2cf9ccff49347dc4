/**
 * Reference names of the districts and industrial parks the service knows, for reports and pages. An
 * enterprise may carry a park id not listed here; it is then shown by its id.
 */
export const DISTRICTS: Readonly<Record<string, string>> = {
  '520900': '贵安新区',
  '520115': '观山湖区',
};

export const PARKS: readonly { districtCode: string; parkId: string; name: string }[] = [
  { districtCode: '520900', parkId: 'gaxq-dz', name: '贵安电子信息产业园' },
  { districtCode: '520900', parkId: 'gaxq-zb', name: '贵安高端装备产业园' },
  { districtCode: '520900', parkId: 'gaxq-bs', name: '贵安综合保税区' },
  { districtCode: '520900', parkId: 'gaxq-mc', name: '马场科技新城' },
  { districtCode: '520115', parkId: 'gsh-gy', name: '观山湖工业园' },
];

export const parkName = (parkId: string): string => PARKS.find((park) => park.parkId === parkId)?.name ?? parkId;
export const districtName = (code: string): string => DISTRICTS[code] ?? code;
