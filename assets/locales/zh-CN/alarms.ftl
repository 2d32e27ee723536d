## 报警（crates/alarms，`plant-twin alarms`）：站点包 alarms.toml 中的报警定义、报警日志和 EEMUA 191 / ISA-18.2 的报警系统指标。
alarms-priority =
    { $priority ->
    [critical] 紧急
    [high] 高
    [medium] 中
   *[low] 低
}
alarms-refused = 报警文件被拒绝：{ $reason }
alarms-unreadable = 无法读取报警文件：{ $error }
alarms-too-large = 报警文件超过 { $megabytes } MB
alarms-invalid = 不是有效的报警文件：{ $error }
alarms-version = 不支持报警文件版本 { $version }（本版本读取版本 { $supported }）
alarms-duplicate-id = 报警“{ $alarm }”重复定义；第二个未采用
alarms-unknown-meter = 报警“{ $alarm }”引用的计量表“{ $meter }”不属于本站点；该报警未采用
alarms-bad-expression = 报警 "{ $alarm }"：{ $error }；已略去
alarms-mixed-quantities = 报警“{ $alarm }”：表达式中的计量表须测量同一物理量、使用同一单位；该报警未采用
alarms-out-of-range = 报警“{ $alarm }”：{ $field } = { $value } 超出 { $min } … { $max }；该报警未采用
alarms-reference = 报警“{ $alarm }”：偏差报警须与一个参比计量表或模型的期望值（二者之一）比较，且只有偏差报警如此；该报警未采用
alarms-expected-no-unit = 报警“{ $alarm }”：本站点没有模型“{ $whatif }”的情景推演单元（site.toml 中的 [[whatif]] process）；该报警未采用
alarms-expected-no-output = 报警“{ $alarm }”：模型“{ $whatif }”没有输出“{ $output }”（fuel、electricity、process_co2、co2，或 `plant-twin eval { $whatif }` 列出的输出）；该报警未采用
alarms-expected-units = 报警“{ $alarm }”：模型的“{ $output }”单位为 { $unit }，计量表 { $meter } 为 { $meter_unit }：无法比较；该报警未采用
alarms-log-unreadable = 无法读取操作员日志：{ $error }
alarms-log-too-large = 操作员日志超过 { $megabytes } MB，未读取
alarms-log-bad-line = 不是操作员操作记录，已跳过：{ $error }
alarms-unknown-format = 未知格式“{ $format }”（json、csv 或 md）
alarms-col-alarm = 报警
alarms-col-priority = 优先级
alarms-col-meter = 计量表
alarms-col-start = 报警产生
alarms-col-end = 恢复正常
alarms-col-duration = 持续时间（s）
alarms-col-acknowledged = 确认时间
alarms-col-excess = 最大越限量
alarms-col-message = 报警信息
alarms-still-active = 仍在报警
alarms-md-title = # 报警日志——{ $site }，{ $from } 至 { $to }
alarms-md-figures = 报警系统指标（EEMUA 191；ISA-18.2-2016 §16.4，IEC 62682），按每名操作员计（{ $operators } 个操作台）：
alarms-md-figure = 指标
alarms-md-value = 数值
alarms-md-target = 目标
alarms-md-bad-actors = 最频繁的十个报警
alarms-md-events = 报警记录
alarms-fig-annunciated = 报警次数
alarms-fig-per-10-min = 每 10 分钟报警数
alarms-fig-per-hour = 每小时报警数
alarms-fig-per-day = 每天报警数
alarms-fig-peak-10-min = 10 分钟内最多报警数
alarms-fig-flood = 报警泛滥的 10 分钟时段（超过 10 个报警）
alarms-fig-standing = 结束时仍在报警 / 其中陈旧报警（超过 24 小时）
alarms-fig-top-ten = 最频繁十个报警所占比例
alarms-fig-chattering = 振荡报警（1 分钟内 3 次及以上）
alarms-fig-fleeting = 瞬时报警（10 秒内恢复正常）
alarms-fig-priorities = 按优先级
alarms-target-per-10-min = 约 1 个可接受，最多 2 个
alarms-target-per-hour = 约 6 个可接受，最多 12 个
alarms-target-per-day = 约 144 个可接受，最多 288 个
alarms-target-peak-10-min = 不超过 10 个
alarms-target-flood = 低于约 1 %
alarms-target-stale = 陈旧报警少于 5 个
alarms-target-top-ten = 约 1–5 %
alarms-target-zero = 无
alarms-target-priorities = 约 80 % 低、15 % 中、5 % 高、紧急低于 1 %

## 界面报警列表（plugins/alarms）。
alarms-view-button = ⚠ 报警 { $count }（{ $unacknowledged } 个未确认）
alarms-view-title = 报警
alarms-view-paged = 分页读取数据库：报警仅按光标附近已缓存的时段评估，并非整个历史记录。如需整个历史记录的报警日志：plant-twin alarms { $site } --connect
alarms-view-unacknowledged = { $count } 个未确认
alarms-view-filter = 筛选：报警、报警信息或设备
alarms-view-show-all = 同时显示处于正常状态的报警
alarms-view-by-time = 最新的在前（否则按优先级）
alarms-view-note = 备注或原因：
alarms-view-note-hint = 随确认或搁置一并记录
alarms-view-ack-all = 全部确认
alarms-view-export = 导出报警日志
alarms-view-export-hint = 光标之前 24 小时的报警日志（含你的确认记录），导出为 CSV（供 Excel 使用）和 Markdown
alarms-view-no-folder = 没有可写入的设置文件夹（请设置 PLANT_TWIN_CONFIG_DIR）
alarms-view-none = 此刻没有报警。
alarms-view-equipment = 设备
alarms-view-state = 状态
alarms-view-actions = 操作
alarms-view-ack = 确认
alarms-view-shelve = 搁置
alarms-view-shelve-for = { $hours } 小时
alarms-view-unshelve = 取消搁置
alarms-view-out-of-service = 停用（检修）
alarms-view-return-to-service = 恢复投用
alarms-state =
    { $state ->
    [unacknowledged] 报警中，未确认
    [acknowledged] 报警中，已确认
    [returned_unacknowledged] 已恢复正常，未确认
    [shelved] 已搁置
    [out_of_service] 已停用
   *[normal] 正常
}
inspector-alarms = 报警
alarms-view-log-failed = 无法保存操作员日志：{ $error }
alarms-no-limit = 报警“{ $alarm }”：没有限值（除“anomaly”外的各类报警都需要限值）；已略去
alarms-anomaly-limit = 报警“{ $alarm }”：异常报警没有限值（由“anomalies”所列的异常触发）；已略去
alarms-anomaly-expression = 报警“{ $alarm }”：异常报警只监视一个计量表，不能是表达式；已略去
alarms-anomaly-kind = 报警“{ $alarm }”：“{ $kind }”不是异常类型（可选：{ $kinds }）；已略去
alarms-anomaly-none = 报警“{ $alarm }”：“anomalies”中没有列出任何类型；若要监视计量表自身的故障（no-data、stuck、flat-line、spike、drift），请省略该项；已略去
alarms-anomalies-not-anomaly = 报警“{ $alarm }”：“anomalies”只用于类型为“anomaly”的报警；已略去
