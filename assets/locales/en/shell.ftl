## The window's layout (plugins/shell): presentation mode.
shell-presentation = Presentation
shell-presentation-leave = (F5 to leave)
shell-presentation-pin = Show:
shell-panel-top-bar = Top bar
shell-panel-tree = Equipment tree
shell-panel-inspector = Inspector
shell-panel-timeline = Timeline
shell-save-view-no-folder = no folder for settings on this system
