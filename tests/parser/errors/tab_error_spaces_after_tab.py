if x:
	pass
        y
