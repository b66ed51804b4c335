// Render: cells, styles, widgets and views of AppState.
