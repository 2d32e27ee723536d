# 时间轴：播放控制按钮、速度、时间条与实时模式。术语以 docs/glossary.md 为准。

timeline-play = ▶ 播放
timeline-pause = ⏸ 暂停
timeline-to-start-hint = 跳到记录开头
timeline-to-end-hint = 跳到记录末尾
timeline-speed = 速度
timeline-speed-hint = 每一实际秒对应的厂区时间秒数
timeline-no-data = 未加载数据
timeline-scrub-hint = 点击或拖动以移动时间游标 · 空格：播放/暂停
timeline-live = 实时
timeline-live-on = ● 实时
timeline-live-hint = 跟随实时数据源：游标即当前时刻。拖动或播放即退出实时模式，实时历史数据保留。
