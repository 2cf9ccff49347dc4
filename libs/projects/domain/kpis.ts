/** The KPIs of DOMAIN.md section 3 and which way is better. */
export const KPIS = {
  yield_rate: { name: '产品合格率/良品率', better: 'up' },
  defect_rate: { name: '不良品率', better: 'down' },
  energy_per_output: { name: '单位产值综合能耗', better: 'down' },
  oee: { name: '设备综合效率', better: 'up' },
  labour_productivity: { name: '人均产值/全员劳动生产率', better: 'up' },
  production_efficiency: { name: '生产效率', better: 'up' },
  lead_time: { name: '订单交付/生产周期', better: 'down' },
  rd_cycle: { name: '产品研制周期', better: 'down' },
  cost_per_100_revenue: { name: '每百元营收成本', better: 'down' },
  inventory_turnover: { name: '库存周转率', better: 'up' },
  equipment_digitization_rate: { name: '设备数字化率', better: 'up' },
  equipment_networking_rate: { name: '设备联网率', better: 'up' },
  key_process_nc_rate: { name: '关键工序数控化率', better: 'up' },
  auto_data_collection_coverage: { name: '数据自动采集环节覆盖', better: 'up' },
} as const satisfies Record<string, { name: string; better: 'up' | 'down' }>;

export type KpiCode = keyof typeof KPIS;
export const KPI_CODES = Object.keys(KPIS) as KpiCode[];
