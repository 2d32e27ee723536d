## 窗口布局（plugins/shell）：演示模式。
shell-presentation = 演示模式
shell-presentation-leave = （按 F5 退出）
shell-presentation-pin = 显示：
shell-panel-top-bar = 顶栏
shell-panel-tree = 设备树
shell-panel-inspector = 检查器
shell-panel-timeline = 时间轴
shell-save-view-no-folder = 本系统没有设置目录
