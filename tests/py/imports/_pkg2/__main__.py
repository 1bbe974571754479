print("pkg2 main", __name__)
