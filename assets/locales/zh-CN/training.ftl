## 培训场景（crates/training、plugins/training、`plant-twin train`）：站点包的 training/*.toml，
## 叠加在历史记录上的故障、操作提示、题目、检查点、学员操作记录与得分。
training-unreadable = 无法读取培训场景：{ $error }
training-too-large = 培训场景文件超过 { $megabytes } MB
training-invalid = 不是有效的培训场景：{ $error }
training-version = 不支持第 { $version } 版培训场景（本程序读取第 { $supported } 版）
training-bad-time = { $field } = "{ $value }" 不是时间：请写作 "+20m"（开始之后）或 "2026-11-10 14:20"（站点时区）
training-bad-duration = { $field } = "{ $value }" 不是时长：请写作 "1h30m"、"20m" 或 "45s"
training-unknown-meter = 本站点没有计量表 "{ $meter }"；该项已略去
training-unknown-equipment = 本站点没有设备 "{ $equipment }"；该项已略去
training-unknown-alarm = 本站点的 alarms.toml 中没有报警 "{ $alarm }"；该项已略去
training-unknown-whatif = 本站点没有情景推演单元 "{ $whatif }"；该故障已略去
training-unknown-setting = 情景推演单元 "{ $whatif }" 没有参数 "{ $setting }"；该故障已略去
training-unknown-output = 情景推演单元 "{ $whatif }" 没有输出 { $output }
training-setting-held = { $setting }：{ $wanted } { $unit } 超出模型范围；该事件只到 { $held } { $unit }
training-out-of-range = { $field } = { $value } 超出 { $min } … { $max }；该项已略去
training-when = 请给出 "at" 或 "when_alarm"（可加 "after"）之一；该项已略去
training-duplicate-id = "{ $id }" 重复使用；第二个已略去
training-missing-field = 故障 "{ $id }" 需要 { $field }；已略去
training-bad-kind = 故障 "{ $id }"：未知类型 "{ $kind }"（stuck、drift、step、spike、noise、dropout、trip、process）；已略去
training-no-meter = 故障 "{ $id }" 没有指定计量表；已略去
training-until-before-at = 故障 "{ $id }" 的结束早于开始；已略去
training-choices-zh = 题目 "{ $question }"：choices_zh 的选项数必须与 choices 相同；已略去
training-bad-answer = 题目 "{ $question }"：答案必须是选项编号（1 至 { $count }），或在没有选项时为设备编号；已略去
training-log-kind =
    { $kind ->
    [started] 开始
    [frozen] 冻结
    [resumed] 继续
    [checkpoint] 跳转到检查点
    [injected] 注入故障
    [removed] 撤除故障
    [acknowledged] 确认报警
    [shelved] 搁置报警
    [unshelved] 取消搁置
    [out_of_service] 停用报警
    [returned_to_service] 恢复报警
    [answered] 作答
    [selected] 选择
   *[what_if] 修改情景推演
}
training-event =
    { $kind ->
    [checkpoint] 检查点
    [malfunction_start] 故障开始
    [malfunction_end] 故障结束
    [alarm_raised] 报警产生
    [alarm_cleared] 报警恢复正常
    [instruction] 操作提示
   *[question] 题目
}
training-run-title = 培训场景“{ $scenario }”— { $site }
training-run-window = 从 { $from } 到 { $to }。
training-run-col-time = 时间
training-run-col-event = 事件
training-run-col-subject = 编号
training-run-col-text = 内容
training-run-expected = 预期报警
training-run-expect-ok = { $alarm }：于 { $at } 产生
training-run-expect-missed = { $alarm }：在 { $from } 至 { $to } 之间未产生
training-score-title = 得分
training-score-total = { $earned } / { $possible } 分（{ $percent } %）
training-score-question = 题目 { $question }：{ $answer } — { $earned } / { $points } 分
training-score-ack = 报警 { $alarm } 于 { $raised } 产生，{ $ack } 后确认 — { $earned } / { $points } 分
training-score-not-acknowledged = 未及时确认
training-score-no-answer = 未作答
training-log-col-action = 操作
training-log-col-detail = 详情
training-log-col-correct = 正误
training-log-correct =
    { $correct ->
    [true] 正确
   *[false] 错误
}
training-view-not-found = 站点包的 training 文件夹中没有该培训场景，也没有该文件
training-view-no-session = 没有打开的培训场景
training-view-button = 🎓 培训
training-view-picker-title = 培训场景
training-view-close = 关闭培训场景
training-view-trainer-title = 培训师
training-view-phase =
    { $phase ->
    [ready] 已就绪，位于开始处
    [running] 进行中
    [frozen] 已冻结
   *[ended] 已结束
} · { $time }（{ $end } 结束）
training-view-start = ▶ 开始
training-view-freeze = ⏸ 冻结
training-view-resume = ▶ 继续
training-view-checkpoints = 检查点
training-view-jump = 跳转到此处
training-view-malfunctions = 故障
training-view-scheduled = 于 { $at }
training-view-active = 生效中
training-view-ended = 已于 { $at } 结束
training-view-offered = 未施加
training-view-remove = 立即撤除
training-view-inject = 立即注入
training-view-export = 导出操作记录与得分
training-view-no-folder = 没有可写入的设置文件夹（请设置 PLANT_TWIN_CONFIG_DIR）
training-view-question-title = 题目
training-view-answer = 作答
training-view-selected = 已选择：{ $equipment }
training-view-click-equipment = 请在三维视图中点击设备。
training-view-right = ✔ 正确
training-view-wrong = ✘ 错误
