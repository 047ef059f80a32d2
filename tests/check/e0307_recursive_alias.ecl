type Loop = Option<Loop>
