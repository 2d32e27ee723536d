# 设备树与所选设备的检查器。术语以 docs/glossary.md 为准。

inspector-equipment = 设备
inspector-search-hint = 搜索名称、编号、类型或计量表…
inspector-not-in-model = 不在三维模型中
inspector-no-match = 没有匹配项。
inspector-frame = ⛶ 在视图中定位
inspector-meters = 计量表
inspector-no-meters = 此设备未绑定计量表。
inspector-chart-window = 图表时间窗
inspector-window-hours = ±{ $hours } 小时
inspector-window-days = ±{ $days } 天
inspector-type = 类型
inspector-id = 编号
inspector-area = 区域
inspector-node = glTF 节点
# 计量表编号、它读取的数据文件列及单位。
inspector-meter-hover = { $id } · 数据列“{ $column }” · { $unit }

## 计量表在光标时刻没有当前值时的读数。
inspector-reading-gap = 无数据（数据中断）；最后值 { $last }
inspector-reading-before-start = 无数据（记录开始之前）
inspector-reading-stale = 数据已过期：最后值 { $last }
inspector-reading-no-column = 无数据（数据文件中无此列）
