# 异常（docs/anomalies.md）：异常类型与异常面板。
anomaly-kind-data-outage = 数据中断
anomaly-kind-no-data = 无数据
anomaly-kind-recurring-gap = 周期性缺数
anomaly-kind-stuck = 卡值
anomaly-kind-flat-line = 平直
anomaly-kind-spike = 尖峰
anomaly-kind-deviation = 偏离
anomaly-kind-level-shift = 水平突变
anomaly-kind-drift = 漂移
anomaly-kind-peer-outlier = 同类离群
anomalies-view-button = { $count ->
    [0] 异常：无
   *[other] 异常 { $count } 条
}
anomalies-view-button-running = 正在查找异常… { $percent } %
anomalies-view-button-hint = 站点数据中的异常：数据中断、卡值与平直的计量表、尖峰、偏离通常值、水平突变、漂移、同类计量表中的离群者。
anomalies-view-title = 异常
anomalies-view-running = 正在检查第 { $done } 个计量表（共 { $total } 个）…
anomalies-view-failed = 无法生成异常列表：{ $error }
anomalies-view-method = 通常值：各天同一刻钟的中位数；σ：稳健离散度（1.4826 × 中位绝对偏差）。点击时间跳转到该时刻。
anomalies-view-filter = 计量表或设备
anomalies-view-all-kinds = 全部类型
anomalies-view-shown = 显示 { $shown } / { $count }
anomalies-view-export = 导出…
anomalies-view-export-hint = 将所显示的异常以 CSV（可用 Excel 打开）和 Markdown 格式写入设置文件夹。
anomalies-view-jump = 选中该设备并将光标移到此处
inspector-anomalies = 图表时段内的异常
