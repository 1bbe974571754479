lambda x
