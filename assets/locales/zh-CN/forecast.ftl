# 无法预测的原因（crates/forecast）。术语见 docs/glossary.md。

forecast-error-too-short = 历史数据只有 { $have } 步，至少需要 { $need } 步
forecast-error-no-history = 该时刻之前没有数据
forecast-error-model = 无法拟合模型：{ $error }
