# 三维视图：着色依据菜单、图例、悬停标签与提示。术语以 docs/glossary.md 为准。

scene-colour-by = 着色依据
scene-model-colours = 模型原色
scene-carbon = 二氧化碳排放（碳）
scene-carbon-hint = 燃料燃烧和生料碳酸盐分解处计范围一排放，所用电力和热力计范围二排放；核算详见能流面板。
scene-no-data = 无数据
scene-log-scale = 对数刻度
scene-model-none = 本站点包尚无三维模型（site.toml：model = ""）。计量表、设备树、能流与图表均可使用。
scene-no-model = 无三维模型：{ $file } 缺失或无法读取（见“问题”）。计量表、设备树和图表仍可使用。
scene-camera-hint = 拖动：旋转 · 右键拖动：平移 · 滚轮：缩放 · F：聚焦所选设备 · Home：全厂视图 · Esc：取消选择 · 空格：播放/暂停
